#pragma once

#include <QString>

#include <optional>

class SqliteDatabase;

/// The ids a successful append gave to the appended captures.
struct AppendResult {
    qint64 firstId = 0;
    qint64 lastId = -1; ///< lastId < firstId when the other session was empty
    qint64 count() const { return lastId >= firstId ? lastId - firstId + 1 : 0; }
};

namespace SessionAppend {

/// Copies every capture, analysis, event and entity of the (already checked) session at
/// otherPath into db in one transaction, ids renumbered from firstId in the other
/// session's id order.
std::optional<AppendResult> append(SqliteDatabase &db, const QString &otherPath, qint64 firstId,
                                   QString *error);

} // namespace SessionAppend
