#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

class SqliteStatement;

/**
 * One SQLite connection (C API), owned and closed by this object.
 *
 * A connection belongs to the thread that uses it; every session component
 * opens its own. Errors come back as one line that names the file, SQLite's
 * message and, for I/O failures, the operating system's reason.
 */
class SqliteDatabase {
public:
    enum class Mode { ReadOnly, ReadWrite, ReadWriteCreate };

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(SqliteDatabase &&other) noexcept;
    SqliteDatabase &operator=(SqliteDatabase &&other) noexcept;
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    bool open(const QString &path, Mode mode, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    /// Runs one or more statements without results.
    bool exec(const char *sql, QString *error);
    SqliteStatement prepare(const char *sql, QString *error) const;

    /// Runs a query that yields one integer (e.g. "PRAGMA user_version"); fallback on failure.
    qint64 queryInt(const char *sql, qint64 fallback, QString *error = nullptr);

    /// The largest string or blob this connection stores (SQLite's SQLITE_LIMIT_LENGTH,
    /// 1,000,000,000 bytes unless lowered); returns the limit before.
    int setLargestValueBytes(int bytes);
    /// True when the last failure was a value larger than that: storing that row can never
    /// work, while other rows can.
    bool lastValueWasTooBig() const;

    bool inTransaction() const;
    /// Rolls back an open transaction, if SQLite has not done so already.
    void rollbackIfNeeded();

    /// "<what> <file>: <sqlite message>[ (<OS reason>)]" for the last failure.
    QString describeError(const QString &what) const;
    int extendedErrorCode() const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

/// A prepared statement that is reset and reused.
class SqliteStatement {
public:
    enum class Step { Row, Done, Error };

    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    /// For hot loops that read columns through the C API directly.
    sqlite3_stmt *handle() const { return m_statement; }

    // Parameters count from 1, as in SQLite.
    void bindNull(int index);
    void bindInt(int index, qint64 value);
    /// Binds UTF-8 text; a null QString binds '' (see bindNullableText() for NULL).
    void bindText(int index, const QString &value);
    void bindNullableText(int index, const QString &value); ///< empty binds NULL
    /// Binds bytes as TEXT when they are valid UTF-8, else as a BLOB, so both
    /// read back identically and the sqlite3 CLI shows text where it can.
    void bindBytesAsText(int index, const QByteArray &value);
    void bindBlob(int index, const QByteArray &value);
    // Without copying, for hot paths: the bytes must stay alive and unchanged until the
    // statement has run.
    void bindTextView(int index, QByteArrayView utf8);
    void bindBlobView(int index, QByteArrayView bytes);
    /// bindBytesAsText() without copying.
    void bindBytesView(int index, QByteArrayView bytes);

    /// Error without running when a bind failed since the last reset(); the connection's
    /// error is then the bind's (e.g. a value too big), not a later consequence of it.
    Step step();
    /// Steps until done; false on error.
    bool run();
    void reset();

    // Columns count from 0.
    bool isNull(int column) const;
    qint64 columnInt(int column) const;
    QString columnText(int column) const;
    QByteArray columnBytes(int column) const;
    /// The column's bytes without a copy, valid until the next step() or reset().
    QByteArrayView columnView(int column) const;

private:
    void bound(int rc);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_bindError = 0; ///< the first failed bind's result code since the last reset()
};

/// Why writing next to path fails, if a cause is visible (disk full, file size limit,
/// read-only file); empty otherwise.
QString diagnoseWriteFailure(const QString &path);
/// Why a session file that exists cannot be opened, if a cause is visible: it was not
/// closed cleanly (its -wal log holds captures) and SQLite cannot create the -shm index
/// it needs to read that log, because the folder cannot be written to. Empty otherwise.
QString diagnoseOpenFailure(const QString &path);

/// True when the bytes are valid UTF-8 (a BOM is allowed and kept).
bool isValidUtf8(const QByteArray &bytes);
/// UTF-8 to QString keeping a leading BOM (QString::fromUtf8 drops it).
QString textKeepingBom(const QByteArray &utf8);
