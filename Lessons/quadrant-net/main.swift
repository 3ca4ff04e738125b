import Curriculum
import LessonKit

LessonMain.main(QuadrantNetLesson.self, course: Course.lessons)
