#pragma once

#include <QList>
#include <QLocale>
#include <QString>

#include <functional>

/**
 * Copies what can still be read of a damaged session file into a new one.
 *
 * SQLite stops a scan at the first damaged page, so opening such a file fails as a
 * whole, although most of its captures usually sit on pages that are intact. The
 * salvage reads each table in key order; where a read fails it looks for the next key
 * that reads again (doubling the step, then halving it back), records the keys it
 * skipped and goes on. Only whole rows are copied: a row that reads with an error is
 * skipped with its page. The new file is written beside the target and renamed over it
 * when complete, so a failed or cancelled salvage leaves the target as it was.
 *
 * A capture whose payload row was lost is kept (the window shows it as damaged); one
 * whose analysis was lost is analysed again when the file is opened. A capture whose
 * row was lost but whose payload reads is rebuilt from the payload (method, path, time
 * and size; its remote address and response status are unknown). An analysis whose
 * capture is gone altogether is counted, not copied.
 */
namespace SessionSalvage {

/// Keys [first, last] that could not be read; last is -1 when the rest of the table was
/// unreadable.
struct SkippedKeys {
    qint64 first = 0;
    qint64 last = 0;
};

struct Report {
    bool ok = false;
    bool cancelled = false;
    QString error;
    qint64 captures = 0;                  ///< capture rows copied
    qint64 withoutPayload = 0;            ///< of those, with no readable payload (headers, body)
    QList<SkippedKeys> withoutPayloadIds; ///< their ids, as ranges
    qint64 withoutAnalysis = 0;           ///< of those, to be analysed again
    qint64 rebuilt = 0;          ///< of those, rebuilt from their payload (their own row was lost)
    qint64 orphans = 0;          ///< analysis rows whose capture was lost with its payload
    QList<SkippedKeys> skipped;  ///< capture ids that could not be read
    qint64 damagedStretches = 0; ///< unreadable stretches in all three tables (and meta)
    bool metaDamaged = false;    ///< the session's own details (created_utc...) did not read
    /// One paragraph for the user: what was copied, what was lost. Numbers are written
    /// in locale (the window's; headless output passes QLocale::c() for plain digits).
    QString summary(const QString &source, const QString &target,
                    const QLocale &locale = QLocale()) const;
};

/// Called now and then with the share done (0-1000); returning false cancels.
using Progress = std::function<bool(int permille)>;

/// Copies the readable rows of source into target (replaced if it exists). source must
/// be a session file whose schema still reads; it is opened read-only.
Report salvage(const QString &source, const QString &target, const Progress &progress = {});

} // namespace SessionSalvage
