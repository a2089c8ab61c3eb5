#include "earlierdeliveries.h"

#include "capture/bodydigest.h"
#include "deliverytracker.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"

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
    for (;;) {
        const SqliteStatement::Step step = rows.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error) {
            if (error)
                *error = db.describeError(QStringLiteral("Cannot read"));
            return -1;
        }
        const qint64 id = rows.columnInt(0);
        quint64 bodyDigest = quint64(rows.columnInt(3));
        if (rows.isNull(3)) {
            body.bindInt(1, id);
            if (body.step() == SqliteStatement::Step::Row)
                bodyDigest = BodyDigest::of(body.columnView(0));
            body.reset();
        }
        tracker.note(rows.columnView(1), rows.columnView(2), bodyDigest, id);
        ++noted;
    }
    return noted;
}
