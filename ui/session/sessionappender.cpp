#include "sessionappender.h"

#include "harsession.h"
#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"
#include "sessionpaths.h"
#include "text/countedtext.h"
#include "work/backgroundtask.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;

SessionAppender::SessionAppender(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                                 QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_store(store)
    , m_feed(feed)
    , m_worker(new BackgroundTask(this)) {
    connect(m_pipeline, &CapturePipeline::sessionAppended, this, [this] {
        if (m_active)
            loadAppended();
    });
}

void SessionAppender::appendSession(const QString &sessionPath, const QString &otherPath) {
    m_active = true;
    m_sessionPath = sessionPath;
    m_pipeline->appendSession(otherPath);
}

void SessionAppender::importHar(const QString &sessionPath, const QString &harPath) {
    m_active = true;
    m_sessionPath = sessionPath;
    Q_EMIT progress(QStringLiteral("Importing %1…").arg(QDir::toNativeSeparators(harPath)));
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    m_worker->start([this, harPath, directory]() -> BackgroundTask::Apply {
        QString error;
        auto written = std::make_shared<std::optional<HarSession>>(
            HarSession::write(harPath, directory, &error));
        return [this, written, error, harPath] {
            if (!*written) {
                end();
                Q_EMIT failed(QStringLiteral("Cannot import the HAR file"),
                              SessionPaths::describeFailure(
                                  harPath, QStringLiteral("cannot be imported"), error));
                return;
            }
            const HarSession &har = **written;
            m_harTemp = har.path;
            m_harSummary =
                QStringLiteral("Imported %1 from %2")
                    .arg(CountedText::localized(har.captures, "request"_L1, "requests"_L1))
                    .arg(QFileInfo(harPath).fileName());
            if (!har.warnings.isEmpty())
                m_harSummary +=
                    QStringLiteral(" (%1: %2)")
                        .arg(CountedText::localized(har.warnings.size(), "note"_L1, "notes"_L1))
                        .arg(har.warnings.first());
            m_pipeline->appendSession(har.path);
        };
    });
}

void SessionAppender::abandon() {
    end();
}

void SessionAppender::loadAppended() {
    m_feed->flushAll();
    m_feed->pause();
    const qsizetype rows = m_store->size();
    const qint64 fromId = rows > 0 ? m_store->row(rows - 1).id + 1 : 0;
    const QString path = m_sessionPath;
    m_worker->start([this, path, fromId]() -> BackgroundTask::Apply {
        QString error;
        auto result = std::make_shared<std::optional<LoadedSession>>(
            SessionLoader::load(path, SessionLoader::Options::current(fromId), &error));
        return [this, result, error] {
            const QString summary = std::exchange(m_harSummary, QString());
            end();
            if (!*result) {
                m_feed->resume();
                Q_EMIT failed(QStringLiteral("Cannot read the appended captures"), error);
                return;
            }
            // Live captures that arrived meanwhile are in the loaded rows too (maybe
            // without analysis yet): the feed updates rather than repeats them.
            m_store->appendLoaded(**result);
            m_feed->resume();
            m_pipeline->reanalyse((*result)->needingAnalysis);
            Q_EMIT finished(summary.isEmpty()
                                ? QStringLiteral("Appended ") +
                                      CountedText::localized((*result)->index.size(), "capture"_L1,
                                                             "captures"_L1)
                                : summary);
        };
    });
}

void SessionAppender::removeHarTemp() {
    if (m_harTemp.isEmpty())
        return;
    QString ignored;
    SessionFile::remove(std::exchange(m_harTemp, QString()), &ignored);
}

void SessionAppender::end() {
    m_active = false;
    m_harSummary.clear();
    removeHarTemp();
}
