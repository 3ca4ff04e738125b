import Curriculum
import LessonKit

LessonMain.main(OptimizersLesson.self, course: Course.lessons)
