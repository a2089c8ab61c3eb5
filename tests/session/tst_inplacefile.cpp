#include "session/inplacefile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// A FIFO written in place: every wait for its reader ends when asked to, within a few
// wait steps, instead of blocking in open() or write() until a reader comes.
class TestInPlaceFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void waitingForAReaderCanBeCancelled();
    void aReaderThatStopsReadingCanBeCancelled();
    void aLateReaderGetsEverything();
    void aMissingFileFails();

private:
    QTemporaryDir m_dir;
    QString m_fifo;
};

void TestInPlaceFile::init() {
    QVERIFY(m_dir.isValid());
    m_fifo = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".fifo");
    QCOMPARE(::mkfifo(QFile::encodeName(m_fifo).constData(), 0600), 0);
}

void TestInPlaceFile::waitingForAReaderCanBeCancelled() {
    int asked = 0;
    InPlaceFile file(m_fifo, [&asked] { return ++asked >= 3; });
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!file.openForWriting());
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(asked, 3);
    QVERIFY(file.wasCancelled());
    QVERIFY(!file.wasOpened());
    QVERIFY(!file.isOpen());
}

void TestInPlaceFile::aReaderThatStopsReadingCanBeCancelled() {
    const int reader = ::open(QFile::encodeName(m_fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    const auto closeReader = qScopeGuard([reader] { ::close(reader); });
    int asked = 0;
    InPlaceFile file(m_fifo, [&asked] { return ++asked >= 3; });
    QVERIFY(file.openForWriting());
    QVERIFY(file.wasOpened());
    const QByteArray block(1 << 20, 'x'); // far more than the pipe holds
    QElapsedTimer timer;
    timer.start();
    const qint64 written = file.write(block);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY2(written < block.size(), qPrintable(QString::number(written)));
    QCOMPARE(asked, 3);
    QVERIFY(file.wasCancelled());
}

void TestInPlaceFile::aLateReaderGetsEverything() {
    std::atomic<bool> writerWaits = false;
    InPlaceFile file(m_fifo, [&writerWaits] {
        writerWaits = true;
        return false;
    });
    QByteArray block;
    for (int i = 0; i < (1 << 18); ++i)
        block += char('a' + i % 26);
    QByteArray received;
    std::thread reader([&] {
        QElapsedTimer waited;
        waited.start();
        while (!writerWaits && waited.elapsed() < 10000) // the writer waits for a reader
            ::usleep(1000);
        const int fd = ::open(QFile::encodeName(m_fifo).constData(), O_RDONLY | O_NONBLOCK);
        char buffer[4096];
        while (received.size() < block.size() && waited.elapsed() < 20000) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n > 0)
                received.append(buffer, n);
            else
                ::usleep(1000);
        }
        ::close(fd);
    });
    const bool opened = file.openForWriting();
    const qint64 written = opened ? file.write(block) : -1;
    file.close();
    reader.join();
    QVERIFY(opened);
    QCOMPARE(written, block.size());
    QVERIFY(!file.wasCancelled());
    QCOMPARE(received, block);
}

void TestInPlaceFile::aMissingFileFails() {
    int asked = 0;
    InPlaceFile file(m_dir.filePath(QStringLiteral("missing/x")), [&asked] {
        ++asked;
        return false;
    });
    QVERIFY(!file.openForWriting());
    QVERIFY(!file.wasCancelled());
    QCOMPARE(asked, 0);
    QVERIFY(!file.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestInPlaceFile)
#include "tst_inplacefile.moc"
