import Curriculum
import LessonKit

LessonMain.main(LossFunctionsLesson.self, course: Course.lessons)
