import Curriculum
import LessonKit

LessonMain.main(RegularizationLesson.self, course: Course.lessons)
