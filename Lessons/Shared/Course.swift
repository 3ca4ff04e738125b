import LessonKit

/// Every lesson of the course, in reading order. The executables and `longhand` use this list
/// for the index and for each page's previous/next links.
public enum Course {
    public static let lessons: [any Lesson.Type] = [
        PerceptronLesson.self,
        SigmoidNeuronLesson.self,
        FeedforwardLesson.self,
        ActivationsLesson.self,
        LossFunctionsLesson.self,
        GradientDescentLesson.self,
        BackpropLesson.self,
        BackpropEquationsLesson.self,
        XorNetLesson.self,
        QuadrantNetLesson.self,
        ConvPoolLesson.self,
        EvaluationLesson.self,
        InitializationLesson.self,
        RegularizationLesson.self,
        NormalizationClippingLesson.self,
        OptimizersLesson.self,
        DigitsLesson.self,
    ]
}
