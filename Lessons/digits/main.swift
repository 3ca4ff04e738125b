import Curriculum
import LessonKit

LessonMain.main(DigitsLesson.self, course: Course.lessons)
