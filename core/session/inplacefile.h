#pragma once

#include <QIODevice>
#include <QString>

#include <functional>

/**
 * A FIFO, terminal or device that an export writes in place
 * (SessionExport::writesInPlace()), opened and written without blocking, so that a
 * cancel is seen while it waits: for a process to open a FIFO for reading, and for a
 * reader that has stopped reading. QFile blocks in open() and write() until then, and
 * retries both when a signal interrupts them, so Ctrl+C could not stop such an export.
 */
class InPlaceFile final : public QIODevice {
    Q_OBJECT

public:
    /// Asked every WaitStepMs while waiting, and whenever a signal ends the wait early;
    /// true stops the wait and fails the open() or write().
    using Cancelled = std::function<bool()>;
    static constexpr int WaitStepMs = 50;

    InPlaceFile(const QString &path, Cancelled cancelled, QObject *parent = nullptr);
    ~InPlaceFile() override;

    /// Opens the file for writing. A FIFO that no process reads yet is waited for.
    bool openForWriting();
    /// Whether the last open or write stopped because it was cancelled.
    bool wasCancelled() const { return m_cancelled; }
    /// Whether openForWriting() succeeded at some point (a FIFO had a reader).
    bool wasOpened() const { return m_wasOpened; }

    bool isSequential() const override { return true; }
    void close() override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool stopWaiting();

    QString m_path;
    Cancelled m_isCancelled;
    int m_fd = -1;
    bool m_cancelled = false;
    bool m_wasOpened = false;
};
