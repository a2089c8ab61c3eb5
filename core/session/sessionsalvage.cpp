#include "sessionsalvage.h"

#include "capture/capture.h"
#include "fileoperations.h"
#include "sessionfile.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"
#include "text/countedtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cstring>
#include <limits>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 NoKey = std::numeric_limits<qint64>::min();
constexpr qint64 RowsPerCommit = 4096;
constexpr qint64 RowsPerProgress = 512;

/// Failures that mean "this page is damaged", after which other pages may still read.
/// Anything else (an I/O error, no memory) stops the salvage.
bool isDamage(int extendedCode) {
    const int primary = extendedCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_FORMAT ||
           primary == SQLITE_TOOBIG || extendedCode == SQLITE_IOERR_SHORT_READ;
}

QStringList columnsOf(SqliteDatabase &db, const char *table) {
    QStringList columns;
    const QByteArray sql = QByteArrayLiteral("PRAGMA table_info(") + table + ')';
    SqliteStatement info = db.prepare(sql.constData(), nullptr);
    while (info.isValid() && info.step() == SqliteStatement::Step::Row)
        columns.append(info.columnText(1));
    return columns;
}

struct Table {
    const char *name;
    const char *key;
    bool needsCapture;    ///< a row is kept only when its capture row was copied (or rebuilt)
    bool rebuildsCapture; ///< a row whose capture row was lost rebuilds it (payloads)
    int fromPermille;
    int toPermille;
};

class Salvager {
public:
    Salvager(SqliteDatabase &source, SqliteDatabase &target,
             const SessionSalvage::Progress &progress, SessionSalvage::Report &report)
        : m_source(source)
        , m_target(target)
        , m_progress(progress)
        , m_report(report) {}

    void setKeyHint(qint64 highest) { m_keyHint = highest; }

    /// Copies table; false when the salvage must stop (m_report says why).
    bool copy(const Table &table) {
        m_table = &table;
        const QStringList targetColumns = columnsOf(m_target, table.name);
        QStringList columns{QString::fromLatin1(table.key)};
        for (const QString &column : columnsOf(m_source, table.name)) {
            if (column != columns.first() && targetColumns.contains(column))
                columns.append(column);
        }
        const QByteArray list = columns.join(u", "_s).toUtf8();
        const QByteArray scan = "SELECT "_ba + list + " FROM main."_ba + table.name + " WHERE "_ba +
                                table.key + " >= ?1 ORDER BY "_ba + table.key;
        QByteArray parameters;
        for (int i = 1; i <= columns.size(); ++i)
            parameters += (i > 1 ? ", ?"_ba : "?"_ba) + QByteArray::number(i);
        QByteArray insert = "INSERT INTO main."_ba + table.name + " ("_ba + list + ") "_ba;
        if (table.needsCapture)
            insert += "SELECT "_ba + parameters +
                      " WHERE EXISTS (SELECT 1 FROM captures WHERE id = ?1)"_ba;
        else
            insert += "VALUES ("_ba + parameters + ')';
        const QByteArray probe = scan + " LIMIT 1"_ba;
        QString error;
        m_scan = m_source.prepare(scan.constData(), &error);
        m_probe = m_source.prepare(probe.constData(), &error);
        m_insert = m_target.prepare(insert.constData(), &error);
        if (!m_scan.isValid() || !m_probe.isValid() || !m_insert.isValid())
            return fail(error);
        m_columns = int(columns.size());
        if (table.rebuildsCapture) {
            m_targetColumn = int(columns.indexOf(u"target"_s));
            m_rawHeadColumn = int(columns.indexOf(u"raw_head"_s));
            m_bodyColumn = int(columns.indexOf(u"body"_s));
            m_completedColumn = int(columns.indexOf(u"completed_ms"_s));
            m_rebuild = m_target.prepare(
                "INSERT INTO main.captures (id, received_ms, origin, method, path, "
                "remote_address, remote_port, body_size, response_status, rejection) "
                "VALUES (?1, ?2, 'listener', ?3, ?4, '', 0, ?5, 0, NULL)",
                &error);
            if (!m_rebuild.isValid())
                return fail(error);
        }

        qint64 from = NoKey;
        for (;;) {
            bool progressed = false;
            m_scan.reset();
            m_scan.bindInt(1, from);
            SqliteStatement::Step step;
            while ((step = m_scan.step()) == SqliteStatement::Step::Row) {
                const qint64 key = m_scan.columnInt(0);
                if (!insertRow(key))
                    return false;
                progressed = true;
                if (key == std::numeric_limits<qint64>::max())
                    return true;
                from = key + 1;
            }
            if (step == SqliteStatement::Step::Done)
                return true;
            if (!isDamage(m_source.extendedErrorCode()))
                return fail(m_source.describeError(u"Cannot read"_s));
            ++m_report.damagedStretches;
            // Seeking may read where stepping failed; a failure again at the same key
            // without a row in between skips that key, so the salvage always moves on.
            const qint64 next = nextReadable(progressed ? from : from + 1);
            if (next == Failed)
                return false;
            if (std::strcmp(table.name, "captures") == 0) // ids start at 1
                m_report.skipped.append({std::max<qint64>(from, 1), next == NoKey ? -1 : next - 1});
            if (next == NoKey)
                return true;
            from = next;
        }
    }

private:
    static constexpr qint64 Failed = NoKey + 1;
    enum class Probe { Row, Done, Damaged, Error };

    bool fail(const QString &error) {
        m_report.error = error;
        return false;
    }

    bool insertRow(qint64 key) {
        for (int i = 0; i < m_columns; ++i)
            sqlite3_bind_value(m_insert.handle(), i + 1, sqlite3_column_value(m_scan.handle(), i));
        if (!m_insert.run())
            return fail(m_target.describeError(u"Cannot write"_s));
        const bool inserted = sqlite3_changes(m_target.handle()) > 0;
        if (!inserted && m_table->rebuildsCapture) {
            // Its capture row was lost; the payload knows most of it. The insert keeps its
            // bindings (sqlite3_bind_value() copied them) for the second try.
            sqlite3_reset(m_insert.handle());
            if (!rebuildCapture(key) || !m_insert.run())
                return fail(m_target.describeError(u"Cannot write"_s));
            ++m_report.rebuilt;
            ++m_report.captures;
        } else if (!inserted) {
            ++m_report.orphans;
        } else if (!m_table->needsCapture) {
            ++m_report.captures;
        }
        m_insert.reset();
        if (++m_rows % RowsPerCommit == 0 &&
            !(m_target.exec("COMMIT", nullptr) && m_target.exec("BEGIN", nullptr)))
            return fail(m_target.describeError(u"Cannot write"_s));
        if (m_rows % RowsPerProgress == 0 && m_progress && !m_progress(permille(key))) {
            m_report.cancelled = true;
            return fail(u"The salvage was cancelled"_s);
        }
        return true;
    }

    /// A captures row from the payload row in m_scan: what the request says of itself.
    /// The remote address, the response status and any rejection reason are unknown.
    bool rebuildCapture(qint64 key) {
        const auto column = [this](int index) {
            return index < 0 ? QByteArray() : m_scan.columnBytes(index);
        };
        const QByteArray rawHead = column(m_rawHeadColumn);
        const qsizetype space = rawHead.indexOf(' ');
        Capture request;
        request.target = column(m_targetColumn);
        m_rebuild.reset();
        m_rebuild.bindInt(1, key);
        m_rebuild.bindInt(2, m_completedColumn < 0 ? 0 : m_scan.columnInt(m_completedColumn));
        m_rebuild.bindBytesAsText(3, space > 0 ? rawHead.first(space) : QByteArray());
        m_rebuild.bindBytesAsText(4, request.path());
        m_rebuild.bindInt(
            5, m_bodyColumn < 0 ? 0 : sqlite3_column_bytes(m_scan.handle(), m_bodyColumn));
        const bool ok = m_rebuild.run();
        m_rebuild.reset();
        return ok;
    }

    int permille(qint64 key) const {
        const int span = m_table->toPermille - m_table->fromPermille;
        if (m_keyHint <= 0)
            return m_table->fromPermille;
        return m_table->fromPermille + int(span * std::clamp(double(key) / m_keyHint, 0.0, 1.0));
    }

    Probe probe(qint64 key) {
        m_probe.reset();
        m_probe.bindInt(1, key);
        switch (m_probe.step()) {
        case SqliteStatement::Step::Row:
            m_probedKey = m_probe.columnInt(0);
            return Probe::Row;
        case SqliteStatement::Step::Done:
            return Probe::Done;
        case SqliteStatement::Step::Error:
            break;
        }
        if (isDamage(m_source.extendedErrorCode()))
            return Probe::Damaged;
        fail(m_source.describeError(u"Cannot read"_s));
        return Probe::Error;
    }

    /// The first key from `first` on at which the table reads again (its row, not the
    /// key probed), NoKey when nothing after first reads, Failed on an error.
    qint64 nextReadable(qint64 first) {
        qint64 bad = first - 1; // the last key known not to read
        qint64 good = first;
        Probe result = Probe::Damaged;
        qint64 found = NoKey;
        for (qint64 step = 1;; step *= 2) {
            result = probe(good);
            if (result == Probe::Error)
                return Failed;
            if (result != Probe::Damaged) {
                found = result == Probe::Row ? m_probedKey : NoKey;
                break;
            }
            bad = good;
            if (good > std::numeric_limits<qint64>::max() - step)
                return NoKey; // nothing after first reads
            good += step;
        }
        while (good - bad > 1) {
            const qint64 middle = bad + (good - bad) / 2;
            const Probe at = probe(middle);
            if (at == Probe::Error)
                return Failed;
            if (at == Probe::Damaged) {
                bad = middle;
            } else {
                good = middle;
                found = at == Probe::Row ? m_probedKey : NoKey;
            }
        }
        return found;
    }

    SqliteDatabase &m_source;
    SqliteDatabase &m_target;
    const SessionSalvage::Progress &m_progress;
    SessionSalvage::Report &m_report;
    const Table *m_table = nullptr;
    SqliteStatement m_scan;
    SqliteStatement m_probe;
    SqliteStatement m_insert;
    SqliteStatement m_rebuild;
    int m_columns = 0;
    int m_targetColumn = -1;
    int m_rawHeadColumn = -1;
    int m_bodyColumn = -1;
    int m_completedColumn = -1;
    qint64 m_rows = 0;
    qint64 m_keyHint = 0;
    qint64 m_probedKey = 0;
};

/// The meta rows that still read, except the format version (the target's own).
void copyMeta(SqliteDatabase &source, SqliteDatabase &target) {
    SqliteStatement read = source.prepare("SELECT key, value FROM meta", nullptr);
    SqliteStatement write =
        target.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", nullptr);
    if (!read.isValid() || !write.isValid())
        return;
    while (read.step() == SqliteStatement::Step::Row) {
        const QString key = read.columnText(0);
        if (key == "format_version"_L1 || key == "clean_shutdown"_L1)
            continue;
        sqlite3_bind_value(write.handle(), 1, sqlite3_column_value(read.handle(), 0));
        sqlite3_bind_value(write.handle(), 2, sqlite3_column_value(read.handle(), 1));
        write.run();
        write.reset();
    }
}

qint64 highestCaptureId(SqliteDatabase &source) {
    for (const char *sql : {"SELECT max(id) FROM captures", "SELECT max(capture_id) FROM payloads",
                            "SELECT max(capture_id) FROM analyses"}) {
        const qint64 highest = source.queryInt(sql, -1);
        if (highest > 0)
            return highest;
    }
    return 0;
}

} // namespace

namespace SessionSalvage {

Report salvage(const QString &source, const QString &target, const Progress &progress) {
    Report report;
    if (FileOperations::sameFile(source, target)) {
        report.error = u"Cannot salvage %1 into itself"_s.arg(source);
        return report;
    }
    if (SessionFile::isInUse(target)) {
        report.error =
            u"Cannot replace %1: it is open in another window or instance of the app"_s.arg(target);
        return report;
    }
    SqliteDatabase from;
    if (!from.open(source, SqliteDatabase::Mode::ReadOnly, &report.error) ||
        !SessionSchema::check(from, &report.error))
        return report;
    const QString temporary = FileOperations::createTemporaryBeside(target, &report.error);
    if (temporary.isEmpty())
        return report;
    SqliteDatabase to;
    const auto abandon = [&] {
        to.close();
        QFile::remove(temporary);
        FileOperations::removeSideFiles(temporary);
        return report;
    };
    // The temporary file is synced once, before the rename: nothing to protect before.
    if (!to.open(temporary, SqliteDatabase::Mode::ReadWrite, &report.error) ||
        !SessionSchema::create(to, &report.error) ||
        !to.exec("PRAGMA synchronous = OFF; BEGIN", &report.error))
        return abandon();

    Salvager salvager(from, to, progress, report);
    salvager.setKeyHint(highestCaptureId(from));
    for (const Table &table : {Table{"captures", "id", false, false, 0, 100},
                               Table{"payloads", "capture_id", true, true, 100, 900},
                               Table{"analyses", "capture_id", true, false, 900, 990}}) {
        if (!salvager.copy(table))
            return abandon();
    }
    copyMeta(from, to);
    report.withoutPayload = to.queryInt("SELECT count(*) FROM captures WHERE id NOT IN "
                                        "(SELECT capture_id FROM payloads)",
                                        0);
    report.withoutAnalysis = to.queryInt("SELECT count(*) FROM captures WHERE id NOT IN "
                                         "(SELECT capture_id FROM analyses)",
                                         0);
    if (!to.exec("COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", &report.error))
        return abandon();
    to.close();
    from.close();
    FileOperations::removeSideFiles(temporary);
    if (!FileOperations::syncPath(temporary, false, &report.error) ||
        !FileOperations::replaceSession(temporary, target, &report.error))
        return abandon();
    FileOperations::syncPath(QFileInfo(target).absolutePath(), true, nullptr);
    if (progress)
        progress(1000);
    report.ok = true;
    return report;
}

QString Report::summary(const QString &source, const QString &target, const QLocale &locale) const {
    const auto counted = [&](qint64 count, const char *one, const char *many) -> QString {
        return locale.toString(count) + u' ' +
               CountedText::noun(count, QLatin1StringView(one), QLatin1StringView(many));
    };
    const auto native = [](const QString &path) {
        return QDir::toNativeSeparators(path);
    };
    QString text = u"Salvaged %1 from %2 into %3."_s.arg(counted(captures, "capture", "captures"),
                                                         native(source), native(target));
    if (damagedStretches == 0 && withoutPayload == 0 && withoutAnalysis == 0)
        return text + u" No damaged page was met: everything was copied."_s;
    if (damagedStretches == 0)
        text += u" No damaged page was met."_s;
    if (!skipped.isEmpty()) {
        QStringList ranges;
        qint64 hidden = 0;
        bool toTheEnd = false;
        for (const SkippedKeys &keys : skipped) {
            if (ranges.size() < 5) {
                ranges.append(
                    keys.last < 0 ? u"%1 onwards"_s.arg(locale.toString(keys.first))
                    : keys.first == keys.last
                        ? locale.toString(keys.first)
                        : u"%1–%2"_s.arg(locale.toString(keys.first), locale.toString(keys.last)));
            }
            toTheEnd = toTheEnd || keys.last < 0;
            hidden += keys.last < 0 ? 0 : keys.last - keys.first + 1;
        }
        if (skipped.size() > ranges.size())
            ranges.append(u"%1 more stretches"_s.arg(skipped.size() - ranges.size()));
        text += u" Damaged pages hid the list rows of capture ids %1."_s.arg(ranges.join(u", "_s));
        if (rebuilt > 0)
            text += u" %1 rebuilt from the stored request; %2 remote address and response "
                    "status are unknown."_s.arg(counted(rebuilt, "capture was", "captures were"),
                                                rebuilt == 1 ? u"its"_s : u"their"_s);
        text += toTheEnd ? u" Captures in those stretches whose request was damaged too are "
                           "lost."_s
                         : u" At most %1 lost."_s.arg(counted(std::max<qint64>(hidden - rebuilt, 0),
                                                              "capture is", "captures are"));
    }
    if (withoutPayload > 0)
        text += u" The request and body of %1 could not be read; %2 listed as damaged."_s.arg(
            counted(withoutPayload, "capture", "captures"),
            withoutPayload == 1 ? u"it is"_s : u"they are"_s);
    if (withoutAnalysis > 0)
        text += u" %1 will be analysed again when the file is opened."_s.arg(
            counted(withoutAnalysis, "capture", "captures"));
    if (orphans > 0)
        text += u" %1 belonged to captures lost altogether, and could not be kept."_s.arg(
            counted(orphans, "analysis", "analyses"));
    return text;
}

} // namespace SessionSalvage
