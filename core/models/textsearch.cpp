#include "textsearch.h"

#include "session/capturestore.h"
#include "session/sessionschema.h"
#include "session/sqlitedatabase.h"
#include "textneedle.h"

#include <QElapsedTimer>
#include <QThread>

#include <sqlite3.h>

struct TextSearch::Chunk {
    QList<qint64> ids; ///< matches since the previous chunk
    qint64 lastId = 0; ///< highest id searched so far in this run
    qint64 searched = 0;
    qint64 total = 0;
    bool done = false;
    QString error;
};

namespace {

QByteArrayView columnBytes(sqlite3_stmt *statement, int column) {
    const void *bytes = sqlite3_column_blob(statement, column);
    return bytes ? QByteArrayView(static_cast<const char *>(bytes),
                                  sqlite3_column_bytes(statement, column))
                 : QByteArrayView();
}

} // namespace

TextSearch::TextSearch(CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_followUpTimer(this) {
    m_followUpTimer.setSingleShot(true);
    m_followUpTimer.setInterval(FollowUpDelayMs);
    connect(&m_followUpTimer, &QTimer::timeout, this, [this] {
        if (!m_running && !m_text.isEmpty())
            startRun();
    });
    if (!store)
        return;
    connect(store, &CaptureStore::rowsAppended, this, &TextSearch::scheduleFollowUp);
    connect(store, &CaptureStore::reset, this, &TextSearch::startOver);
    connect(store, &CaptureStore::cleared, this, &TextSearch::startOver);
}

TextSearch::~TextSearch() {
    stopRun();
    // Runs check the flag between rows; each ends within one row's read.
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void TextSearch::setText(const QString &text) {
    if (text == m_text)
        return;
    m_text = text;
    startOver();
}

void TextSearch::cancel() {
    stopRun();
    m_followUpTimer.stop();
    m_followUp = false;
    m_cancelled = true;
}

void TextSearch::stopRun() {
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation; // whatever the old run still sends is dropped
    m_running = false;
}

void TextSearch::startOver() {
    cancel();
    m_cancelled = false;
    m_matches.clear();
    m_searchedUpTo = 0;
    Q_EMIT matchesReset(m_text);
    if (!m_text.isEmpty())
        startRun();
}

void TextSearch::scheduleFollowUp() {
    if (m_text.isEmpty() || m_cancelled)
        return;
    if (m_running)
        m_followUp = true;
    else if (!m_followUpTimer.isActive())
        m_followUpTimer.start();
}

void TextSearch::startRun() {
    const QString path = m_store ? m_store->path() : QString();
    if (path.isEmpty()) {
        Q_EMIT failed(QStringLiteral("There is no session file to search"));
        return;
    }
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    m_running = true;
    m_followUp = false;
    const TextNeedle needle(m_text);
    const qint64 fromId = m_searchedUpTo;
    QPointer<TextSearch> self(this);

    QThread *thread = QThread::create([self, path, needle, fromId, cancel, generation] {
        const auto send = [&](const Chunk &chunk) {
            // The destructor waits for this thread, so the object is alive here; the
            // queued call is dropped if it is gone by the time the call would run.
            QMetaObject::invokeMethod(
                self.data(),
                [self, chunk, generation] {
                    if (self)
                        self->receive(generation, chunk);
                },
                Qt::QueuedConnection);
        };
        Chunk chunk;
        chunk.lastId = fromId;
        SqliteDatabase db;
        QString error;
        if (!SessionSchema::checkFileLength(path, &error) ||
            !db.open(path, SqliteDatabase::Mode::ReadOnly, &error) ||
            !SessionSchema::check(db, &error) || !db.exec("BEGIN", &error)) {
            chunk.error = error;
            chunk.done = true;
            send(chunk);
            return;
        }
        // Every page is read once: a big cache would only cost memory.
        db.exec("PRAGMA cache_size = -4096", nullptr);
        SqliteStatement count =
            db.prepare("SELECT count(*) FROM payloads WHERE capture_id > ?1", &error);
        SqliteStatement rows =
            db.prepare("SELECT capture_id, raw_head, body FROM payloads WHERE capture_id > ?1 "
                       "ORDER BY capture_id",
                       &error);
        if (!count.isValid() || !rows.isValid()) {
            chunk.error = error;
            chunk.done = true;
            send(chunk);
            return;
        }
        count.bindInt(1, fromId);
        if (count.step() == SqliteStatement::Step::Row)
            chunk.total = count.columnInt(0);
        rows.bindInt(1, fromId);
        sqlite3_stmt *r = rows.handle();
        QElapsedTimer sinceSent;
        sinceSent.start();
        int step;
        while ((step = sqlite3_step(r)) == SQLITE_ROW) {
            if (cancel->load())
                return;
            const qint64 id = sqlite3_column_int64(r, 0);
            if (needle.foundIn(columnBytes(r, 1)) || needle.foundIn(columnBytes(r, 2)))
                chunk.ids.append(id);
            chunk.lastId = id;
            ++chunk.searched;
            if (sinceSent.elapsed() >= ChunkIntervalMs) {
                send(chunk);
                chunk.ids.clear();
                sinceSent.restart();
            }
        }
        if (cancel->load())
            return;
        if (step != SQLITE_DONE)
            chunk.error = db.describeError(QStringLiteral("Cannot search"));
        chunk.done = true;
        send(chunk);
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

void TextSearch::receive(quint64 generation, const Chunk &chunk) {
    if (generation != m_generation)
        return;
    if (!chunk.error.isEmpty()) {
        m_running = false;
        m_cancel.reset();
        Q_EMIT failed(chunk.error);
        return;
    }
    if (!chunk.ids.isEmpty()) {
        m_matches.append(chunk.ids);
        Q_EMIT matchesFound(chunk.ids);
    }
    m_searchedUpTo = std::max(m_searchedUpTo, chunk.lastId);
    Q_EMIT progress(chunk.searched, chunk.total);
    if (!chunk.done)
        return;
    m_running = false;
    m_cancel.reset();
    Q_EMIT finished(m_matches.size());
    if (m_followUp) {
        m_followUp = false;
        m_followUpTimer.start();
    }
}
