import Curriculum
import LessonKit

LessonMain.main(GradientDescentLesson.self, course: Course.lessons)
