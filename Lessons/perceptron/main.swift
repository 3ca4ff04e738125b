import Curriculum
import LessonKit

LessonMain.main(PerceptronLesson.self, course: Course.lessons)
