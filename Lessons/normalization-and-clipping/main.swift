import Curriculum
import LessonKit

LessonMain.main(NormalizationClippingLesson.self, course: Course.lessons)
