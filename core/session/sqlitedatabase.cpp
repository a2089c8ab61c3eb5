#include "sqlitedatabase.h"

#include "sessionschema.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <cstring>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <utility>

QString diagnoseWriteFailure(const QString &path) {
    const QFileInfo file(path);
    struct statvfs disk {};
    if (statvfs(QFile::encodeName(file.absolutePath()).constData(), &disk) == 0) {
        const quint64 freeBytes = quint64(disk.f_bavail) * disk.f_frsize;
        if (freeBytes < 1024 * 1024)
            return QStringLiteral("the disk is full: %1 KiB free").arg(freeBytes / 1024);
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        const qint64 largest = qMax(file.size(), QFileInfo(path + QStringLiteral("-wal")).size());
        if (quint64(largest) + 256 * 1024 >= limit.rlim_cur) {
            return QStringLiteral("File too large: the file size limit of this process "
                                  "(ulimit -f) is %1 bytes")
                .arg(quint64(limit.rlim_cur));
        }
    }
    if (file.exists() && !file.isWritable())
        return QStringLiteral("the file is read-only");
    return {};
}

QString diagnoseOpenFailure(const QString &path) {
    const QFileInfo file(path);
    const QString wal = path + QStringLiteral("-wal");
    if (!file.exists() || QFileInfo(wal).size() == 0 ||
        QFileInfo::exists(path + QStringLiteral("-shm")))
        return {};
    if (access(QFile::encodeName(file.absolutePath()).constData(), W_OK) == 0)
        return {};
    return QStringLiteral("it was not closed cleanly, and the captures still in %1 can only "
                          "be read where SQLite can write next to them, which this folder "
                          "does not allow: %2. Copy %3 and %1 into a folder you can write to "
                          "and open the copy")
        .arg(file.fileName() + QStringLiteral("-wal"), QString::fromLocal8Bit(std::strerror(errno)),
             file.fileName());
}

bool isValidUtf8(const QByteArray &bytes) {
    return bytes.isValidUtf8();
}

QString textKeepingBom(const QByteArray &utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}

SqliteDatabase::~SqliteDatabase() {
    close();
}

SqliteDatabase::SqliteDatabase(SqliteDatabase &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path)) {
}

SqliteDatabase &SqliteDatabase::operator=(SqliteDatabase &&other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

bool SqliteDatabase::open(const QString &path, Mode mode, QString *error) {
    static const bool configured = [] {
        // Before SQLite initialises: no allocation statistics, whose global mutex every
        // sqlite3_malloc() and free of every connection takes (nothing here reads them).
        return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    }();
    Q_UNUSED(configured)
    close();
    m_path = path;
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = describeError(QStringLiteral("Cannot open"));
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another connection (the journal, a Save As copy) may hold the write lock briefly.
    sqlite3_busy_timeout(m_db, 5000);
    return true;
}

void SqliteDatabase::close() {
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDatabase::exec(const char *sql, QString *error) {
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        if (error)
            *error = describeError(QStringLiteral("Cannot write"));
        return false;
    }
    return true;
}

SqliteStatement SqliteDatabase::prepare(const char *sql, QString *error) const {
    sqlite3_stmt *statement = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = describeError(QStringLiteral("Cannot read"));
        sqlite3_finalize(statement);
        return {};
    }
    return SqliteStatement(m_db, statement);
}

qint64 SqliteDatabase::queryInt(const char *sql, qint64 fallback, QString *error) {
    SqliteStatement statement = prepare(sql, error);
    if (!statement.isValid())
        return fallback;
    switch (statement.step()) {
    case SqliteStatement::Step::Row:
        return statement.columnInt(0);
    case SqliteStatement::Step::Done:
        return fallback;
    case SqliteStatement::Step::Error:
        break;
    }
    if (error)
        *error = describeError(QStringLiteral("Cannot read"));
    return fallback;
}

bool SqliteDatabase::inTransaction() const {
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

void SqliteDatabase::rollbackIfNeeded() {
    if (inTransaction())
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

int SqliteDatabase::setLargestValueBytes(int bytes) {
    return sqlite3_limit(m_db, SQLITE_LIMIT_LENGTH, bytes);
}

bool SqliteDatabase::lastValueWasTooBig() const {
    return m_db && (sqlite3_extended_errcode(m_db) & 0xff) == SQLITE_TOOBIG;
}

int SqliteDatabase::extendedErrorCode() const {
    return m_db ? sqlite3_extended_errcode(m_db) : SQLITE_CANTOPEN;
}

QString SqliteDatabase::describeError(const QString &what) const {
    QString line = what + QLatin1Char(' ') + m_path + QStringLiteral(": ");
    if (!m_db)
        return line + QStringLiteral("out of memory");
    const int code = sqlite3_extended_errcode(m_db);
    if ((code & 0xff) == SQLITE_CORRUPT) {
        // Damage does not go away by trying again: say so, and what can be done about it.
        return what + QLatin1Char(' ') +
               SessionSchema::damagedMessage(m_path, QString::fromUtf8(sqlite3_errmsg(m_db)));
    }
    line += QString::fromUtf8(sqlite3_errmsg(m_db));
    // SQLite reports a write that hit a file-size limit or a full disk as a generic
    // I/O error and its errno is often lost by then; look at the causes directly.
    const int primary = code & 0xff;
    const int systemError = sqlite3_system_errno(m_db);
    QString cause;
    if (primary == SQLITE_IOERR || primary == SQLITE_FULL)
        cause = diagnoseWriteFailure(m_path);
    else if (primary == SQLITE_CANTOPEN)
        cause = diagnoseOpenFailure(m_path);
    if (cause.isEmpty() &&
        (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN ||
         primary == SQLITE_READONLY || primary == SQLITE_PERM) &&
        systemError != 0) {
        cause = QString::fromLocal8Bit(std::strerror(systemError));
    }
    if (!cause.isEmpty())
        line += QStringLiteral(" (") + cause + QLatin1Char(')');
    return line;
}

SqliteStatement::SqliteStatement(sqlite3 *db, sqlite3_stmt *statement)
    : m_db(db)
    , m_statement(statement) {
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_statement);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_bindError(std::exchange(other.m_bindError, SQLITE_OK)) {
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_bindError = std::exchange(other.m_bindError, SQLITE_OK);
    }
    return *this;
}

void SqliteStatement::bound(int rc) {
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
}

void SqliteStatement::bindNull(int index) {
    bound(sqlite3_bind_null(m_statement, index));
}

void SqliteStatement::bindInt(int index, qint64 value) {
    bound(sqlite3_bind_int64(m_statement, index, value));
}

void SqliteStatement::bindText(int index, const QString &value) {
    const QByteArray utf8 = value.toUtf8();
    bound(sqlite3_bind_text64(m_statement, index, utf8.isNull() ? "" : utf8.constData(),
                              quint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void SqliteStatement::bindNullableText(int index, const QString &value) {
    if (value.isEmpty())
        bound(sqlite3_bind_null(m_statement, index));
    else
        bindText(index, value);
}

void SqliteStatement::bindBytesAsText(int index, const QByteArray &value) {
    if (!value.contains('\0') && isValidUtf8(value)) {
        bound(sqlite3_bind_text64(m_statement, index, value.isNull() ? "" : value.constData(),
                                  quint64(value.size()), SQLITE_TRANSIENT, SQLITE_UTF8));
    } else {
        bindBlob(index, value);
    }
}

void SqliteStatement::bindBlob(int index, const QByteArray &value) {
    // A zero-length blob, not NULL, so NOT NULL columns accept empty bodies.
    bound(sqlite3_bind_blob64(m_statement, index, value.isEmpty() ? "" : value.constData(),
                              quint64(value.size()), SQLITE_TRANSIENT));
}

void SqliteStatement::bindTextView(int index, QByteArrayView utf8) {
    bound(sqlite3_bind_text64(m_statement, index, utf8.isNull() ? "" : utf8.data(),
                              quint64(utf8.size()), SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bindBlobView(int index, QByteArrayView bytes) {
    bound(sqlite3_bind_blob64(m_statement, index, bytes.isEmpty() ? "" : bytes.data(),
                              quint64(bytes.size()), SQLITE_STATIC));
}

void SqliteStatement::bindBytesView(int index, QByteArrayView bytes) {
    if (!bytes.contains('\0') && bytes.isValidUtf8())
        bindTextView(index, bytes);
    else
        bindBlobView(index, bytes);
}

SqliteStatement::Step SqliteStatement::step() {
    // Running with a parameter left unbound would fail for another reason ("NOT NULL
    // constraint failed") or store NULL; the bind's own error is the one to report.
    if (m_bindError != SQLITE_OK)
        return Step::Error;
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        return Step::Error;
    }
}

bool SqliteStatement::run() {
    Step result = step();
    while (result == Step::Row)
        result = step();
    return result == Step::Done;
}

void SqliteStatement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_bindError = SQLITE_OK;
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

QString SqliteStatement::columnText(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_statement, column));
}

QByteArrayView SqliteStatement::columnView(int column) const {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return {data, sqlite3_column_bytes(m_statement, column)};
}

QByteArray SqliteStatement::columnBytes(int column) const {
    const void *data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    if (!data || size == 0)
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL ? QByteArray()
                                                                       : QByteArray("");
    return QByteArray(static_cast<const char *>(data), size);
}
