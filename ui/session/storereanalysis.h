#pragma once

#include <QObject>
#include <QString>

class CapturePipeline;
class CaptureStore;

/**
 * Applies the pipeline's second analysis of an open session's captures (after the
 * decoder changed, or of appended captures: SessionSwitcher and SessionAppender start
 * it) to the store, piece by piece as it comes, and says when the run is over.
 */
class StoreReanalysis : public QObject {
    Q_OBJECT

public:
    StoreReanalysis(CapturePipeline *pipeline, CaptureStore *store, QObject *parent = nullptr);

Q_SIGNALS:
    /// How the run ended: how many captures were analysed again, or why it failed.
    void message(const QString &text);

private:
    void onFinished(qint64 count, const QString &error);

    CaptureStore *m_store;
};
