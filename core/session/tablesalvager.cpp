#include "tablesalvager.h"

#include "capture/capture.h"

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

constexpr qint64 Failed = NoKey + 1;

} // namespace

TableSalvager::TableSalvager(SqliteDatabase &source, SqliteDatabase &target,
                             const SessionSalvage::Progress &progress,
                             SessionSalvage::Report &report)
    : m_source(source)
    , m_target(target)
    , m_progress(progress)
    , m_report(report) {
}

void TableSalvager::setKeyHint(qint64 highest) {
    m_keyHint = highest;
}

bool TableSalvager::copy(const Table &table) {
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
        insert +=
            "SELECT "_ba + parameters + " WHERE EXISTS (SELECT 1 FROM captures WHERE id = ?1)"_ba;
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
        m_rebuild =
            m_target.prepare("INSERT INTO main.captures (id, received_ms, origin, method, path, "
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

bool TableSalvager::fail(const QString &error) {
    m_report.error = error;
    return false;
}

bool TableSalvager::insertRow(qint64 key) {
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

bool TableSalvager::rebuildCapture(qint64 key) {
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
    m_rebuild.bindInt(5,
                      m_bodyColumn < 0 ? 0 : sqlite3_column_bytes(m_scan.handle(), m_bodyColumn));
    const bool ok = m_rebuild.run();
    m_rebuild.reset();
    return ok;
}

int TableSalvager::permille(qint64 key) const {
    const int span = m_table->toPermille - m_table->fromPermille;
    if (m_keyHint <= 0)
        return m_table->fromPermille;
    return m_table->fromPermille + int(span * std::clamp(double(key) / m_keyHint, 0.0, 1.0));
}

TableSalvager::Probe TableSalvager::probe(qint64 key) {
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

qint64 TableSalvager::nextReadable(qint64 first) {
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
