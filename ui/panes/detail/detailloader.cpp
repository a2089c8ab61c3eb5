#include "detailloader.h"

#include "http/contentcoding.h"

#include "session/capturereader.h"
#include "session/capturestore.h"
#include "work/backgroundtask.h"

DetailLoader::DetailLoader(CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_task(new BackgroundTask(this)) {
}

DetailLoader::Start DetailLoader::load(qint64 captureId, bool revealed, bool pretty) {
    m_task->cancel();
    const qsizetype position = m_store ? m_store->positionOf(captureId) : -1;
    if (position < 0)
        return Start::Missing;
    if (m_store->row(position).bodySize > SyncLoadLimit && !m_store->path().isEmpty()) {
        readInBackground(captureId, revealed, pretty);
        return Start::Reading;
    }
    QString error;
    const std::optional<AnalysedCapture> capture = m_store->capture(captureId, &error);
    if (capture && ContentCoding::namesCoding(capture->capture)) {
        // A compressed body may grow many times over: taken off the GUI thread.
        buildInBackground(*capture, revealed, pretty);
        return Start::Reading;
    }
    emitLoaded(capture, error, captureId, revealed, pretty);
    return Start::Done;
}

void DetailLoader::emitLoaded(const std::optional<AnalysedCapture> &capture, const QString &error,
                              qint64 captureId, bool revealed, bool pretty) {
    if (capture)
        Q_EMIT loaded(DetailContent::build(*capture, revealed, pretty));
    else
        Q_EMIT failed(captureId, error);
}

void DetailLoader::buildInBackground(const AnalysedCapture &capture, bool revealed, bool pretty) {
    m_task->start([this, capture, revealed, pretty]() -> BackgroundTask::Apply {
        auto content =
            std::make_shared<DetailContent>(DetailContent::build(capture, revealed, pretty));
        return [this, content] {
            Q_EMIT loaded(*content);
        };
    });
}

void DetailLoader::loadFromStore(qint64 captureId, bool revealed, bool pretty) {
    QString error;
    const std::optional<AnalysedCapture> capture = m_store->capture(captureId, &error);
    emitLoaded(capture, error, captureId, revealed, pretty);
}

void DetailLoader::readInBackground(qint64 captureId, bool revealed, bool pretty) {
    const QString path = m_store->path();
    m_task->start([this, path, captureId, revealed, pretty]() -> BackgroundTask::Apply {
        // The store's reader belongs to the GUI thread; this one is the worker's own.
        CaptureReader reader;
        QString error;
        std::optional<AnalysedCapture> capture;
        if (reader.open(path, &error))
            capture = reader.read(captureId, &error);
        if (!capture || !capture->analysed) {
            // Not in the file yet, or its analysis not written yet: the store has it.
            return [this, captureId, revealed, pretty] {
                loadFromStore(captureId, revealed, pretty);
            };
        }
        auto content =
            std::make_shared<DetailContent>(DetailContent::build(*capture, revealed, pretty));
        return [this, content] {
            Q_EMIT loaded(*content);
        };
    });
}

bool DetailLoader::formatRaw(const AnalysedCapture &capture, bool revealed, bool pretty) {
    m_task->cancel();
    if (capture.capture.body.size() <= SyncLoadLimit &&
        !ContentCoding::namesCoding(capture.capture)) {
        Q_EMIT rawReady(RawText::build(capture, revealed, pretty));
        return true;
    }
    m_task->start([this, capture, revealed, pretty] {
        auto raw = std::make_shared<RawText>(RawText::build(capture, revealed, pretty));
        return [this, raw] {
            Q_EMIT rawReady(*raw);
        };
    });
    return false;
}

void DetailLoader::cancel() {
    m_task->cancel();
}
