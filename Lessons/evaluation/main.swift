import Curriculum
import LessonKit

LessonMain.main(EvaluationLesson.self, course: Course.lessons)
