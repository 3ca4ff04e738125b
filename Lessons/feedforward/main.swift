import Curriculum
import LessonKit

LessonMain.main(FeedforwardLesson.self, course: Course.lessons)
