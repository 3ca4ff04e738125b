import LessonKit

/// Every lesson of the course, in reading order. The executables and `longhand` use this list
/// for the index and for each page's previous/next links.
///
/// The lessons are the folders under Lessons/ (the LessonCatalog build plugin lists their types);
/// each lesson's `position` puts it in reading order.
public enum Course {
    public static let lessons: [any Lesson.Type] = LessonCatalog.all.sorted { $0.position < $1.position }
}
