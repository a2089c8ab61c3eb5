#pragma once

#include "detailcontent.h"

#include <QObject>

#include <optional>

class BackgroundTask;
class CaptureStore;

/**
 * Reads and prepares the capture the detail pane shows.
 *
 * A capture whose body is up to SyncLoadLimit is read from the store and built at once.
 * A larger one is read through its own connection to the session file, parsed and
 * formatted on a worker thread, so the window never waits for a big body; so is one sent
 * with a Content-Encoding, whose content may be many times its size. A newer
 * load (or cancel()) supersedes an older one.
 */
class DetailLoader : public QObject {
    Q_OBJECT

public:
    /// Bodies up to this size are parsed on the GUI thread (it takes a few milliseconds).
    static constexpr qsizetype SyncLoadLimit = 1024 * 1024;

    enum class Start {
        Missing, ///< the session has no such capture; nothing is emitted
        Done,    ///< loaded() or failed() was emitted before load() returned
        Reading, ///< on a worker; loaded() or failed() follows
    };

    explicit DetailLoader(CaptureStore *store, QObject *parent = nullptr);

    Start load(qint64 captureId, bool revealed, bool pretty);
    /// Builds the Raw tab's text again (pretty or revealed changed): rawReady() is emitted
    /// before this returns for a body up to SyncLoadLimit (true), later otherwise (false).
    bool formatRaw(const AnalysedCapture &capture, bool revealed, bool pretty);
    /// Drops the running load or formatting; nothing more is emitted for it.
    void cancel();

Q_SIGNALS:
    void loaded(const DetailContent &content);
    void failed(qint64 captureId, const QString &error);
    void rawReady(const RawText &raw);

private:
    void readInBackground(qint64 captureId, bool revealed, bool pretty);
    /// From the store: it has what the file may not hold yet (a capture or its analysis).
    void loadFromStore(qint64 captureId, bool revealed, bool pretty);
    void buildInBackground(const AnalysedCapture &capture, bool revealed, bool pretty);
    void emitLoaded(const std::optional<AnalysedCapture> &capture, const QString &error,
                    qint64 captureId, bool revealed, bool pretty);

    CaptureStore *m_store;
    BackgroundTask *m_task;
};
