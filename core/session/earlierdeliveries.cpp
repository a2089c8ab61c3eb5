#include "earlierdeliveries.h"

#include "capture/bodydigest.h"
#include "deliverytracker.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"

#include <sqlite3.h>

namespace {

QByteArrayView columnView(sqlite3_stmt *statement, int column) {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return {data, sqlite3_column_bytes(statement, column)};
}

} // namespace

qint64 EarlierDeliveries::feed(const QString &path, DeliveryTracker &tracker, QString *error) {
    SqliteDatabase db;
    if (!SessionSchema::checkFileLength(path, error) ||
        !db.open(path, SqliteDatabase::Mode::ReadOnly, error) || !SessionSchema::check(db, error)) {
        return -1;
    }
    if (!db.exec("BEGIN", error)) // both statements see the same snapshot
        return -1;
    // A file from before digests were stored has no body_digest; its bodies tell.
    const QByteArray digest = SessionSchema::hasColumn(db, "main", "analyses", "body_digest")
                                  ? QByteArrayLiteral("a.body_digest")
                                  : QByteArrayLiteral("NULL");
    const QByteArray sql = QByteArrayLiteral("SELECT c.id, c.method, c.path, ") + digest +
                           QByteArrayLiteral(" FROM (SELECT id, method, path FROM captures "
                                             "ORDER BY id DESC LIMIT ?1) AS c "
                                             "LEFT JOIN analyses AS a ON a.capture_id = c.id "
                                             "ORDER BY c.id");
    SqliteStatement rows = db.prepare(sql.constData(), error);
    SqliteStatement body = db.prepare("SELECT body FROM payloads WHERE capture_id = ?1", error);
    if (!rows.isValid() || !body.isValid())
        return -1;
    rows.bindInt(1, tracker.capacity());

    qint64 noted = 0;
    sqlite3_stmt *row = rows.handle();
    for (;;) {
        const SqliteStatement::Step step = rows.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error) {
            if (error)
                *error = db.describeError(QStringLiteral("Cannot read"));
            return -1;
        }
        const qint64 id = sqlite3_column_int64(row, 0);
        quint64 bodyDigest = quint64(sqlite3_column_int64(row, 3));
        if (sqlite3_column_type(row, 3) == SQLITE_NULL) {
            body.bindInt(1, id);
            if (body.step() == SqliteStatement::Step::Row)
                bodyDigest = BodyDigest::of(columnView(body.handle(), 0));
            body.reset();
        }
        tracker.note(columnView(row, 1), columnView(row, 2), bodyDigest, id);
        ++noted;
    }
    return noted;
}
