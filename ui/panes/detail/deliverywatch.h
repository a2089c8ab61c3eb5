#pragma once

#include <QObject>
#include <QTimer>

class CaptureStore;

/**
 * Tells the detail pane when another delivery of the shown capture's message has
 * arrived (DeliveryHistory::arrivedIn), at most once every RefreshMs: under a load test
 * that sends one body over and over, every batch the store appends brings one, and the
 * Overview is rebuilt at a pace a reader can follow rather than per batch.
 */
class DeliveryWatch : public QObject {
    Q_OBJECT

public:
    static constexpr int RefreshMs = 500;

    explicit DeliveryWatch(CaptureStore *store, QObject *parent = nullptr);

    /// Watches the message of this capture from now on; 0 watches nothing.
    void watch(qint64 captureId);
    qint64 watched() const { return m_captureId; }

Q_SIGNALS:
    /// Another delivery of the watched capture's message is in the store.
    void arrived(qint64 captureId);

private:
    void rowsAppended(qsizetype first, qsizetype last);

    CaptureStore *m_store;
    qint64 m_captureId = 0;
    QTimer m_timer;
};
