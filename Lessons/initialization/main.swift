import Curriculum
import LessonKit

LessonMain.main(InitializationLesson.self, course: Course.lessons)
