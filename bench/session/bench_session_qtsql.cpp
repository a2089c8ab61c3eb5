// Why the session code talks to SQLite through its C API and not Qt SQL: the same
// inserts (a captures and a payloads row per capture, 16 per transaction) and the same
// index scan through Qt SQL's QSQLITE driver and through the C API, on the same file
// format.
//
// Usage: bench_session_qtsql <scratch dir> [seconds per case, default 2]

#include "benchdata.h"

#include "session/capturewriter.h"
#include "session/sessioncolumns.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <cstdio>

namespace {

[[noreturn]] void die(const QString &message) {
    std::fprintf(stderr, "bench_session_qtsql: %s\n", qPrintable(message));
    std::exit(1);
}

constexpr int Batch = 16;

QList<QByteArray> bodies() {
    BenchData::GeneralWebhooks webhooks;
    QList<QByteArray> list;
    for (int i = 0; i < 64; ++i)
        list.append(webhooks.next(i).capture.body);
    return list;
}

double insertWithCApi(const QString &path, double seconds, qint64 *inserted) {
    SessionFile file;
    QString error;
    if (!SessionFile::create(path, &error) ||
        !file.open(path, SessionFile::Durability::Normal, &error))
        die(error);
    CaptureWriter writer(file.db());
    if (!writer.prepare(&error))
        die(error);
    const QList<QByteArray> list = bodies();
    qint64 n = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        if (!file.db().exec("BEGIN IMMEDIATE", &error))
            die(error);
        for (int i = 0; i < Batch; ++i, ++n) {
            Capture c = BenchData::capture(list.at(n % list.size()), n);
            c.id = n + 1;
            if (!writer.insertCapture(c, &error))
                die(error);
        }
        if (!file.db().exec("COMMIT", &error))
            die(error);
    }
    *inserted = n;
    const double elapsed = timer.nsecsElapsed() / 1e9;
    writer.finalize();
    return n / elapsed;
}

double insertWithQtSql(const QString &path, double seconds) {
    QString error;
    if (!SessionFile::create(path, &error))
        die(error);
    double rate = 0;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
        db.setDatabaseName(path);
        if (!db.open())
            die(db.lastError().text());
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        pragma.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
        QSqlQuery insert(db);
        insert.setForwardOnly(true);
        if (!insert.prepare(QStringLiteral(
                "INSERT INTO captures (id, received_ms, origin, method, path, remote_address, "
                "remote_port, body_size, response_status, rejection) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
            die(insert.lastError().text());
        QSqlQuery payload(db);
        payload.setForwardOnly(true);
        if (!payload.prepare(QStringLiteral(
                "INSERT INTO payloads (capture_id, connection_id, sequence, local_port, "
                "completed_ms, responded_ms, target, http_version, chunked, content_type, headers, "
                "trailers, response_headers, response_body, raw_head, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
            die(payload.lastError().text());
        const QList<QByteArray> list = bodies();
        qint64 n = 0;
        QElapsedTimer timer;
        timer.start();
        while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
            db.transaction();
            for (int i = 0; i < Batch; ++i, ++n) {
                const Capture c = BenchData::capture(list.at(n % list.size()), n);
                int p = 0;
                insert.bindValue(p++, n + 1);
                insert.bindValue(p++, c.firstByteUtcMs);
                insert.bindValue(p++, SessionColumns::originId(c.origin));
                insert.bindValue(p++, QString::fromUtf8(c.method));
                insert.bindValue(p++, QString::fromUtf8(c.path()));
                insert.bindValue(p++, c.remoteAddress);
                insert.bindValue(p++, c.remotePort);
                insert.bindValue(p++, c.body.size());
                insert.bindValue(p++, c.response.status);
                insert.bindValue(p++, QVariant());
                if (!insert.exec())
                    die(insert.lastError().text());
                p = 0;
                payload.bindValue(p++, n + 1);
                payload.bindValue(p++, qint64(c.connectionId));
                payload.bindValue(p++, c.sequence);
                payload.bindValue(p++, c.localPort);
                payload.bindValue(p++, c.completeUtcMs);
                payload.bindValue(p++, c.response.sentUtcMs);
                payload.bindValue(p++, QString::fromUtf8(c.target));
                payload.bindValue(p++, QString::fromUtf8(c.httpVersion));
                payload.bindValue(p++, c.chunked ? 1 : 0);
                payload.bindValue(p++, SessionColumns::mediaType(c));
                payload.bindValue(p++, QString::fromUtf8(SessionColumns::headersToJson(c.headers)));
                payload.bindValue(p++,
                                  QString::fromUtf8(SessionColumns::headersToJson(c.trailers)));
                payload.bindValue(
                    p++, QString::fromUtf8(SessionColumns::headersToJson(c.response.headers)));
                payload.bindValue(p++, c.response.body);
                payload.bindValue(p++, c.rawHead);
                payload.bindValue(p++, c.body);
                if (!payload.exec())
                    die(payload.lastError().text());
            }
            if (!db.commit())
                die(db.lastError().text());
        }
        rate = n / (timer.nsecsElapsed() / 1e9);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench"));
    return rate;
}

double scanWithQtSql(const QString &path, qint64 *rows) {
    double seconds = 0;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("scan"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            die(db.lastError().text());
        QElapsedTimer timer;
        timer.start();
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral(
                "SELECT c.id, c.received_ms, c.origin, c.method, c.path, c.remote_address, "
                "c.remote_port, c.body_size, c.response_status, c.rejection, a.decoder_version, "
                "a.kind, a.contract_state, a.summary, a.action, a.enterprise_id, "
                "a.enterprise_name, a.integration_id, a.integration_name, a.event_count "
                "FROM captures c LEFT JOIN analyses a ON a.capture_id = c.id ORDER BY c.id")))
            die(query.lastError().text());
        qint64 n = 0;
        qint64 checksum = 0;
        while (query.next()) {
            // Read every column as the loader does (it interns the strings).
            for (int column = 0; column < 20; ++column)
                checksum += query.value(column).toString().size();
            ++n;
        }
        seconds = timer.nsecsElapsed() / 1e9;
        *rows = n + (checksum < 0 ? 1 : 0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("scan"));
    return seconds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_session_qtsql <scratch dir> [seconds]\n");
        return 2;
    }
    const double seconds = args.value(2, QStringLiteral("2")).toDouble();
    QTemporaryDir dir(args.at(1) + QStringLiteral("/qtsql-XXXXXX"));
    const QString cApi = dir.filePath(QStringLiteral("capi.mwsession"));
    const QString qtSql = dir.filePath(QStringLiteral("qtsql.mwsession"));
    qint64 inserted = 0;
    const double cRate = insertWithCApi(cApi, seconds, &inserted);
    const double qtRate = insertWithQtSql(qtSql, seconds);
    std::printf("insert 2 KB captures, %d per transaction, synchronous=NORMAL:\n"
                "  SQLite C API (CaptureWriter)  %9.0f captures/s\n"
                "  Qt SQL (QSQLITE, QSqlQuery)   %9.0f captures/s  (%.2fx the time)\n",
                Batch, cRate, qtRate, cRate / qtRate);

    QElapsedTimer timer;
    timer.start();
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(cApi, {}, &error);
    if (!loaded)
        die(error);
    const double cScan = timer.nsecsElapsed() / 1e9;
    qint64 rows = 0;
    const double qtScan = scanWithQtSql(cApi, &rows);
    std::printf("index scan of %lld captures (the open path):\n"
                "  SQLite C API (SessionLoader, builds the index)  %.3f s\n"
                "  Qt SQL (QSqlQuery, only reads the values)       %.3f s  (%.2fx the time)\n",
                qlonglong(rows), cScan, qtScan, qtScan / cScan);
    return 0;
}
