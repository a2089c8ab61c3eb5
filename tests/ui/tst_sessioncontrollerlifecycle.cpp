#include "../models/modeltestdata.h"
#include "scratchhome.h"

#include "mainwindow.h"
#include "panes/captures/capturetableview.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/listener/listenerbar.h"
#include "panes/windowstatusbar.h"
#include "session/capturestore.h"
#include "session/sessioncontroller.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "windowfixture.h"

using namespace ModelTestData;

namespace {

/// What a killed window leaves: captures in a live file not marked clean. Its path, or
/// empty when it could not be written.
QString leaveLiveSession() {
    const QString leftover = LiveSession::newPath();
    writeSession(leftover, mixedCaptures());
    SessionFile file;
    QString error;
    if (!file.open(leftover, SessionFile::Durability::Normal, &error))
        return QString();
    file.close();
    return leftover;
}

} // namespace

// Sessions through the window: a new one, clear, close and recovery of what a killed
// window left. Split from tst_sessioncontroller.cpp, which saves, opens and exports them.
class TestSessionControllerLifecycle : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void clearDeletesAfterConfirming();
    void newSessionWhileWebhooksArriveShowsItsOwnCaptures();
    void newSessionAfterAClearShowsItsCaptures();
    void closeAsksAboutUnsavedCaptures();
    void recoveryOffersLeftovers_data();
    void recoveryOffersLeftovers();
    void closingWhileLookingForLeftoversAsksNothing();
};

void TestSessionControllerLifecycle::clearDeletesAfterConfirming() {
    sendSamples();
    m_prompts->confirmAnswer = false;
    m_window->actions().clear->trigger();
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("confirm")});
    QCOMPARE(m_window->store()->size(), qsizetype(samplesCount()));
    m_prompts->confirmAnswer = true;
    m_window->actions().clear->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(0), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QString error;
    QCOMPARE(SessionFile::inspect(m_window->session()->path(), &error)->captureCount, 0);
    QVERIFY(m_window->captureView()->emptyState()->isVisible());
    QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(1), Wait);
}

void TestSessionControllerLifecycle::newSessionWhileWebhooksArriveShowsItsOwnCaptures() {
    QCOMPARE(post(baseUrl(), "{}", "/before"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(1), Wait);
    const QUrl url(baseUrl());
    std::vector<std::unique_ptr<QTcpSocket>> senders;
    // Requests on connections of their own, written without waiting for the answers:
    // the listener takes them while the window switches sessions.
    const auto burst = [&](const QByteArray &prefix, int count) {
        for (int n = 0; n < count; ++n) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress(url.host()), quint16(url.port()));
            QVERIFY(socket->waitForConnected(Wait));
            const QByteArray body = "{\"n\":" + QByteArray::number(n) + '}';
            socket->write("POST " + prefix + QByteArray::number(n) +
                          " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "Content-Length: " +
                          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->flush();
            senders.push_back(std::move(socket));
        }
    };
    m_prompts->saveUntitled = SessionPrompts::Answer::Discard;
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    burst("/old/", 40);
    m_window->session()->newSession();
    burst("/new/", 20);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), Wait);
    for (const auto &socket : senders) {
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState ||
                                     socket->bytesAvailable() > 0,
                                 Wait);
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState, Wait);
    }
    // Every answered capture is in one of the two files; the window shows exactly the
    // new file's: none of the session it left, none of its own left out.
    QString error;
    const std::optional<SessionInfo> info =
        SessionFile::inspect(m_window->session()->path(), &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->captureCount > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(info->captureCount), Wait);
    QTest::qWait(200); // a capture of the old session would come now
    QList<qint64> shown;
    for (qsizetype i = 0; i < m_window->store()->size(); ++i)
        shown.append(m_window->store()->row(i).id);
    QList<qint64> stored;
    for (qint64 id = 1; id <= info->captureCount; ++id)
        stored.append(id); // a new file numbers from 1
    QCOMPARE(shown, stored);
}

void TestSessionControllerLifecycle::newSessionAfterAClearShowsItsCaptures() {
    sendSamples();
    m_prompts->confirmAnswer = true;
    m_window->actions().clear->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(0), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    // A new session numbers its captures from 1: below those the clear dropped.
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    m_window->session()->newSession();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), Wait);
    for (int n = 0; n < 3; ++n)
        QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(3), Wait);
    QCOMPARE(m_window->store()->row(0).id, 1);
    QVERIFY(!m_window->captureView()->emptyState()->isVisible());
}

void TestSessionControllerLifecycle::closeAsksAboutUnsavedCaptures() {
    sendSamples();
    const QString live = m_window->session()->path();
    m_prompts->saveUntitled = SessionPrompts::Answer::Cancel;
    m_window->close();
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("saveUntitled")});
    QVERIFY(m_window->isVisible());
    m_prompts->saveUntitled = SessionPrompts::Answer::Discard;
    m_window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), Wait);
    QVERIFY(!QFile::exists(live));
    delete m_window;
    m_window = nullptr;
}

void TestSessionControllerLifecycle::recoveryOffersLeftovers_data() {
    QTest::addColumn<int>("answer");
    QTest::newRow("recover") << int(SessionPrompts::Recovery::Recover);
    QTest::newRow("discard") << int(SessionPrompts::Recovery::Discard);
    QTest::newRow("later") << int(SessionPrompts::Recovery::Later);
}

void TestSessionControllerLifecycle::recoveryOffersLeftovers() {
    QFETCH(int, answer);
    closeWindow(m_window);
    m_window = nullptr;
    const QString leftover = leaveLiveSession();
    QVERIFY(!leftover.isEmpty());
    QCOMPARE(LiveSession::findRecoverable().size(), 1);

    auto *prompts = new ScriptedPrompts;
    prompts->recovery = SessionPrompts::Recovery(answer);
    m_allPrompts.append(prompts);
    m_window = new MainWindow(prompts);
    // While the question is open the listener waits for its session: the window says
    // so, rather than "Not listening" and "Start listening (Ctrl+L)".
    QStringList whileAsked;
    prompts->whileAskingRecover = [&whileAsked, window = m_window] {
        whileAsked << window->listenerBar()->shownText()
                   << window->windowStatusBar()->listenerText()
                   << window->captureView()->emptyState()->title()
                   << QString::number(window->actions().listen->isEnabled());
    };
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    WindowStart start;
    start.listener.port = 0;
    start.listen = false;
    m_window->show();
    m_window->start(start);
    QVERIFY(loaded.wait(Wait));
    QCOMPARE(prompts->asked, QStringList{QStringLiteral("recover")});
    const QString starting = QStringLiteral("Starting\u2026");
    QCOMPARE(whileAsked, (QStringList{starting, starting, starting, QStringLiteral("0")}));
    // Started without listening (as asked): stopped, and start/stop works.
    QCOMPARE(m_window->listenerBar()->shownText(), QStringLiteral("Not listening"));
    QCOMPARE(m_window->windowStatusBar()->listenerText(), QStringLiteral("Not listening"));
    QVERIFY(m_window->actions().listen->isEnabled());
    switch (SessionPrompts::Recovery(answer)) {
    case SessionPrompts::Recovery::Recover:
        QCOMPARE(m_window->session()->path(), leftover);
        QVERIFY(m_window->session()->isUntitled());
        QCOMPARE(m_window->store()->size(), mixedCaptures().size());
        QVERIFY(m_window->windowTitle().contains(QChar(0x2022)));
        break;
    case SessionPrompts::Recovery::Discard: {
        // The new untitled session may reuse the free name; the captures are gone.
        QString error;
        QVERIFY(!QFile::exists(leftover) ||
                SessionFile::inspect(leftover, &error)->captureCount == 0);
        QVERIFY(LiveSession::findRecoverable().isEmpty());
        QCOMPARE(m_window->store()->size(), 0);
        break;
    }
    case SessionPrompts::Recovery::Later:
        QVERIFY(QFile::exists(leftover));
        QVERIFY(m_window->session()->path() != leftover);
        QCOMPARE(m_window->store()->size(), 0);
        break;
    }
}

void TestSessionControllerLifecycle::closingWhileLookingForLeftoversAsksNothing() {
    closeWindow(m_window);
    m_window = nullptr;
    const QString leftover = leaveLiveSession();
    QVERIFY(!leftover.isEmpty());
    auto *prompts = new ScriptedPrompts;
    prompts->recovery = SessionPrompts::Recovery::Recover;
    m_allPrompts.append(prompts);
    m_window = new MainWindow(prompts);
    WindowStart start;
    start.listener.port = 0;
    m_window->show();
    m_window->start(start);
    // Leftovers are looked for off the GUI thread (counting a big one's captures reads
    // the disk): meanwhile the window says it is starting, and the session actions wait.
    QVERIFY(m_window->session()->isBusy());
    QVERIFY(!m_window->actions().open->isEnabled());
    QCOMPARE(m_window->listenerBar()->shownText(), QStringLiteral("Starting\u2026"));
    // Closed before the search is over: no question comes after the window went, nothing
    // is recovered or started, and the leftover stays for the next start.
    m_window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), Wait);
    QTest::qWait(200); // room for a late question or listener start to show up
    QVERIFY(prompts->asked.isEmpty());
    QVERIFY(!m_window->listener()->isListening());
    delete m_window;
    m_window = nullptr;
    QCOMPARE(LiveSession::findRecoverable().size(), 1);
    QCOMPARE(LiveSession::findRecoverable().constFirst().path, leftover);
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestSessionControllerLifecycle>(
        argc, argv, QStringLiteral("tst_sessioncontrollerlifecycle"));
}

#include "tst_sessioncontrollerlifecycle.moc"
