import Curriculum
import LessonKit

LessonMain.main(SigmoidNeuronLesson.self, course: Course.lessons)
