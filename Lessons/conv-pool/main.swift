import Curriculum
import LessonKit

LessonMain.main(ConvPoolLesson.self, course: Course.lessons)
