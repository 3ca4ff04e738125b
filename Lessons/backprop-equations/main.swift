import Curriculum
import LessonKit

LessonMain.main(BackpropEquationsLesson.self, course: Course.lessons)
