import Curriculum
import LessonKit

LessonMain.main(XorNetLesson.self, course: Course.lessons)
