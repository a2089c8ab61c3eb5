#pragma once

#include "sessionsalvage.h"
#include "sqlitedatabase.h"

/**
 * Copies one table of a session file whose schema still reads into the salvage's new
 * file, row by row in key order. Where a read fails it looks for the next key that reads
 * again (doubling the step, then halving it back), records the capture ids it skipped
 * and goes on. SessionSalvage::salvage() runs it over captures, payloads and analyses.
 */
class TableSalvager {
public:
    struct Table {
        const char *name;
        const char *key;
        bool needsCapture;    ///< a row is kept only when its capture row was copied (or rebuilt)
        bool rebuildsCapture; ///< a row whose capture row was lost rebuilds it (payloads)
        int fromPermille;
        int toPermille;
    };

    TableSalvager(SqliteDatabase &source, SqliteDatabase &target,
                  const SessionSalvage::Progress &progress, SessionSalvage::Report &report);

    /// The highest capture id of the source, so progress can be told as a share.
    void setKeyHint(qint64 highest);

    /// Copies table; false when the salvage must stop (the report says why).
    bool copy(const Table &table);

private:
    enum class Probe { Row, Done, Damaged, Error };

    bool fail(const QString &error);
    bool insertRow(qint64 key);
    /// A captures row from the payload row in m_scan: what the request says of itself.
    /// The remote address, the response status and any rejection reason are unknown.
    bool rebuildCapture(qint64 key);
    int permille(qint64 key) const;
    Probe probe(qint64 key);
    /// The first key from `first` on at which the table reads again (its row, not the
    /// key probed), NoKey when nothing after first reads, Failed on an error.
    qint64 nextReadable(qint64 first);

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
