import Curriculum
import LessonKit

LessonMain.main(ActivationsLesson.self, course: Course.lessons)
