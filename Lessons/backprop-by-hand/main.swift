import Curriculum
import LessonKit

LessonMain.main(BackpropLesson.self, course: Course.lessons)
