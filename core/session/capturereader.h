#pragma once

#include "analysedcapture.h"
#include "entityversion.h"
#include "sqlitedatabase.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

/**
 * Reads whole captures (bodies, headers, analyses) from a session file through its
 * own read-only connection. Safe while a CaptureJournal writes the same file: every
 * call sees the last committed state.
 */
class CaptureReader {
public:
    /// Opens and checks the session file (read-only; changes nothing).
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_db.isOpen(); }
    const QString &path() const { return m_db.path(); }

    /// The capture with this id, or nullopt with *error set (no such id, damaged row).
    /// A body that no longer matches the digest stored when it arrived is read as it is
    /// stored, with bodyAltered set and an error finding that says so.
    std::optional<AnalysedCapture> read(qint64 id, QString *error);

    /// Calls visit for every capture in id order (ids empty) or for the given ids in the
    /// given order, one at a time, so memory stays constant. visit returns false to stop
    /// early (not an error). Returns false with *error when reading failed.
    bool forEach(const QList<qint64> &ids,
                 const std::function<bool(const AnalysedCapture &)> &visit, QString *error);

    qint64 count(QString *error = nullptr);

    /// When on, a capture stored without an analysis (it arrived just before a crash), or
    /// whose stored analysis is unreadable, is analysed as it is read, so exports and printouts
    /// never show it as unknown. Off by default: the window re-analyses such captures and stores
    /// the result.
    void setAnalyseMissing(bool on) { m_analyseMissing = on; }

    /// Called by forEach() for a capture whose stored rows are damaged (its payload row
    /// was lost, as after SessionSalvage, or a column does not parse), with the reason.
    using DamagedCapture = std::function<void(qint64 id, const QString &reason)>;
    /// When set, forEach() reports damaged captures to skip and goes on with the next;
    /// unset (the default), it stops at the first with an error.
    void setSkipDamaged(DamagedCapture skip) { m_skipDamaged = std::move(skip); }

    /// What a capture whose body no longer matches the digest stored when it arrived
    /// (AnalysedCapture::bodyAltered) has as the first of its findings.
    static QString alteredBodyMessage();

    /// Ids of captures with no analysis row, or one written by a decoder older than
    /// minDecoderVersion, in id order: the pipeline re-analyses them after opening.
    QList<qint64> capturesNeedingAnalysis(int minDecoderVersion, QString *error);

private:
    bool prepare(QString *error);
    bool readRow(SqliteStatement &row, AnalysedCapture *out, QString *error);
    /// The analysis columns of row; false when a packed column does not parse.
    static bool readAnalysis(SqliteStatement &row, MewsAnalysis *out);
    /// Steps m_one to the capture with this id; false with *error when there is none or
    /// reading failed.
    bool stepTo(qint64 id, QString *error);
    /// Why the last step failed; damage names the salvage.
    QString readError() const;
    /// readRow() for forEach(): false only when the walk must stop.
    bool readOrSkip(SqliteStatement &row, AnalysedCapture *out, bool *skipped, QString *error);

    SqliteDatabase m_db;
    QByteArray m_columns; ///< the SELECT of a capture's columns, for this file
    SqliteStatement m_one;
    bool m_analyseMissing = false;
    DamagedCapture m_skipDamaged;
};
