#include "scratchhome.h"

#include "dialogs/listenersettingsdialog.h"
#include "live/listenercontroller.h"
#include "live/listenersettings.h"
#include "live/samplesender.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/detail/detailpane.h"
#include "panes/listener/listenerbar.h"
#include "panes/windowstatusbar.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

constexpr int Wait = 10000;
const QString Token = QStringLiteral("s3cret-TOKEN-9f2c41d7");

/// Whether a connection to the port on loopback is accepted.
bool accepts(quint16 port) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(Wait);
}

/// A loopback port that was free a moment ago.
quint16 freePort() {
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

/// The controller with real views, a real pipeline and a real listener on loopback.
class TestListenerController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void beforeStartItSaysStarting_data();
    void beforeStartItSaysStarting();
    void listeningShowsTheAddressWithTheTokenMasked();
    void everyInterfaceIsSaidBesideTheAddress();
    void busyPortSaysWhichPortAndWhatToDo();
    void anAddressNotOnThisMachineSaysWhatToDo();
    void toggleStopsAndStartsAgain();
    void applyingANewTokenKeepsListeningAndIsSaved();
    void aBusyPortKeepsTheListenerAndIsNotSaved();
    void okWhileStoppedSavesWithoutStarting();
    void theSettingsDialogStaysOpenOnABusyPort();
    void samplesNeedAListener();
    void samplesArriveAndAreCounted();

private:
    bool startListening(ListenerConfig config);

    QTemporaryDir m_dir;
    std::unique_ptr<QWidget> m_window;
    CapturePipeline *m_pipeline = nullptr;
    ListenerBar *m_bar = nullptr;
    WindowStatusBar *m_status = nullptr;
    EmptyStateOverlay *m_empty = nullptr;
    QAction *m_listen = nullptr;
    QAction *m_sendSamples = nullptr;
    ListenerController *m_controller = nullptr;
};

void TestListenerController::init() {
    m_window = std::make_unique<QWidget>();
    m_pipeline = new CapturePipeline(m_window.get());
    auto *store = new CaptureStore(m_window.get());
    m_bar = new ListenerBar(m_window.get());
    m_status = new WindowStatusBar(m_window.get());
    auto *table = new QWidget(m_window.get());
    m_empty = new EmptyStateOverlay(table);
    auto *detail = new DetailPane(store, m_window.get());
    m_listen = new QAction(m_window.get());
    m_sendSamples = new QAction(m_window.get());
    m_controller = new ListenerController(
        m_pipeline, {m_bar, m_status, m_empty, detail, m_listen, m_sendSamples}, m_window.get());
    m_window->show();
}

void TestListenerController::cleanup() {
    m_window.reset();
    QSettings().clear();
}

bool TestListenerController::startListening(ListenerConfig config) {
    QSignalSpy listening(m_controller, &ListenerController::listening);
    m_controller->start(config, true);
    return listening.wait(Wait);
}

void TestListenerController::beforeStartItSaysStarting_data() {
    QTest::addColumn<bool>("listen");
    QTest::newRow("listening") << true;
    QTest::newRow("stopped") << false;
}

void TestListenerController::beforeStartItSaysStarting() {
    // The window chooses its session first (it may ask about leftovers): until then the
    // views say so, and start/stop waits.
    QFETCH(bool, listen);
    const QString starting = QStringLiteral("Starting\u2026");
    QCOMPARE(m_bar->shownText(), starting);
    QCOMPARE(m_status->listenerText(), starting);
    QCOMPARE(m_empty->title(), starting);
    QVERIFY2(m_empty->text().contains(QLatin1String("once a session is open")),
             qPrintable(m_empty->text()));
    QVERIFY(!m_listen->isEnabled());
    QVERIFY(!m_sendSamples->isEnabled());

    ListenerConfig config;
    config.port = 0;
    QSignalSpy listening(m_controller, &ListenerController::listening);
    m_controller->start(config, listen);
    QVERIFY(m_listen->isEnabled());
    if (listen) {
        QVERIFY(listening.wait(Wait));
        QVERIFY(m_empty->title().startsWith(QLatin1String("Waiting for webhooks on")));
        QVERIFY(m_status->listenerText().startsWith(QLatin1String("Listening on")));
    } else {
        QCOMPARE(m_bar->shownText(), QStringLiteral("Not listening"));
        QCOMPARE(m_status->listenerText(), QStringLiteral("Not listening"));
        QCOMPARE(m_empty->title(), QStringLiteral("Not listening"));
        QVERIFY2(m_empty->text().contains(QLatin1String("Start listening (Ctrl+L)")),
                 qPrintable(m_empty->text()));
    }
}

void TestListenerController::listeningShowsTheAddressWithTheTokenMasked() {
    ListenerConfig config;
    config.port = 0;
    config.token = Token;
    QSignalSpy listening(m_controller, &ListenerController::listening);
    m_controller->start(config, true);
    QVERIFY(listening.wait(Wait));
    const QString url = listening.first().first().toString();
    QVERIFY2(url.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(url));
    QVERIFY(m_controller->isListening());
    QCOMPARE(m_bar->baseUrl(), url);
    QCOMPARE(m_listen->text(), QStringLiteral("Stop &listening"));
    QVERIFY(m_sendSamples->isEnabled());
    // The port is shown everywhere; the token nowhere in full.
    const QString port = QString::number(QUrl(url).port());
    for (const QString &shown : {m_status->listenerText(), m_bar->shownText(), m_empty->text()}) {
        QVERIFY2(shown.contains(port), qPrintable(shown));
        QVERIFY2(!shown.contains(Token), qPrintable(shown));
    }
    QVERIFY(!m_status->settingsButton()->isVisible());
    for (const QString &shown : {m_status->listenerText(), m_empty->text()})
        QVERIFY2(!shown.contains(QLatin1String("other machines")), qPrintable(shown));
}

void TestListenerController::everyInterfaceIsSaidBesideTheAddress() {
    // Bound to every interface, the URL to send to is the loopback one, and the status bar
    // says that other machines can send too, and how to keep the listener to this one.
    ListenerConfig config;
    config.bindAddress = QHostAddress::AnyIPv4;
    config.port = 0;
    QVERIFY(startListening(config));
    const QString text = m_status->listenerText();
    QVERIFY2(text.startsWith(QLatin1String("Listening on http://127.0.0.1:")) &&
                 text.endsWith(QLatin1String(
                     "(bound to 0.0.0.0, every interface: other machines can send to it)")),
             qPrintable(text));
    QLabel *label = nullptr;
    for (QLabel *candidate : m_status->findChildren<QLabel *>())
        if (candidate->text() == text)
            label = candidate;
    QVERIFY(label);
    QVERIFY2(label->toolTip().contains(QLatin1String("bind to 127.0.0.1 in Listener settings")),
             qPrintable(label->toolTip()));
    QVERIFY2(m_bar->baseUrl().startsWith(QLatin1String("http://127.0.0.1:")),
             qPrintable(m_bar->baseUrl()));
    // The empty table, where a first-time user looks, says so too.
    QVERIFY2(m_empty->text().contains(QLatin1String("other machines that can reach it")),
             qPrintable(m_empty->text()));
}

void TestListenerController::busyPortSaysWhichPortAndWhatToDo() {
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    ListenerConfig config;
    config.port = taken.serverPort();
    m_controller->start(config, true);
    const QString port = QString::number(config.port);
    QTRY_VERIFY_WITH_TIMEOUT(m_status->listenerText().contains(port), Wait);
    QVERIFY2(m_status->listenerText().contains(QLatin1String("in use")),
             qPrintable(m_status->listenerText()));
    QVERIFY(m_status->settingsButton()->isVisible());
    QVERIFY2(m_empty->text().contains(QLatin1String("--port 0")), qPrintable(m_empty->text()));
    QVERIFY(!m_controller->isListening());
    QVERIFY(m_bar->baseUrl().isEmpty());
    QCOMPARE(m_listen->text(), QStringLiteral("Start &listening"));
    QVERIFY(!m_sendSamples->isEnabled());

    // A free port again: listening, and the error is gone.
    config.port = 0;
    QSignalSpy listening(m_controller, &ListenerController::listening);
    QString error;
    QVERIFY2(m_controller->apply(config, &error), qPrintable(error));
    QVERIFY(listening.wait(Wait));
    QVERIFY(!m_status->settingsButton()->isVisible());
    QVERIFY(!m_status->listenerText().contains(QLatin1String("in use")));
}

void TestListenerController::anAddressNotOnThisMachineSaysWhatToDo() {
    ListenerConfig config;
    config.bindAddress = QHostAddress(QStringLiteral("192.0.2.1")); // TEST-NET-1, on no machine
    config.port = 0;
    m_controller->start(config, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_status->listenerText().contains(QLatin1String("192.0.2.1")), Wait);
    QVERIFY2(m_status->listenerText().contains(QLatin1String("not on this machine")),
             qPrintable(m_status->listenerText()));
    // The hint is the one for the address, not the generic one.
    QVERIFY2(m_empty->text().contains(QLatin1String("an address of this machine")),
             qPrintable(m_empty->text()));
    QVERIFY(!m_controller->isListening());
}

void TestListenerController::toggleStopsAndStartsAgain() {
    ListenerConfig config;
    config.port = 0;
    QVERIFY(startListening(config));
    m_controller->toggle();
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isListening(), Wait);
    QCOMPARE(m_status->listenerText(), QStringLiteral("Not listening"));
    QCOMPARE(m_listen->text(), QStringLiteral("Start &listening"));
    QVERIFY(!m_sendSamples->isEnabled());
    QSignalSpy listening(m_controller, &ListenerController::listening);
    m_controller->toggle();
    QVERIFY(listening.wait(Wait));
    QVERIFY(m_controller->isListening());
}

void TestListenerController::applyingANewTokenKeepsListeningAndIsSaved() {
    ListenerConfig config;
    config.port = 0;
    QVERIFY(startListening(config));
    const QString base = m_bar->baseUrl();
    QSignalSpy listening(m_controller, &ListenerController::listening);
    config.token = Token;
    QString error;
    QVERIFY2(m_controller->apply(config, &error), qPrintable(error));
    // Same address: no restart, but the URL now shows that a token is needed (masked).
    QVERIFY(!listening.wait(300));
    QCOMPARE(m_bar->baseUrl(), base);
    QVERIFY2(m_bar->shownText().contains(QLatin1String("Token=")), qPrintable(m_bar->shownText()));
    QVERIFY(!m_bar->shownText().contains(Token));
    QCOMPARE(m_controller->config().token, Token);
    QSettings settings;
    QCOMPARE(ListenerSettings::load(settings).token, Token);
}

void TestListenerController::aBusyPortKeepsTheListenerAndIsNotSaved() {
    ListenerConfig config;
    config.port = 0;
    QVERIFY(startListening(config));
    const QString before = m_bar->baseUrl();
    const quint16 port = quint16(QUrl(before).port());
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    QSignalSpy stopped(m_pipeline, &CapturePipeline::listenerStopped);
    QSignalSpy failed(m_pipeline, &CapturePipeline::listenerFailed);
    QSignalSpy listening(m_controller, &ListenerController::listening);

    ListenerConfig busy = config;
    busy.port = taken.serverPort();
    QString error;
    QVERIFY(!m_controller->apply(busy, &error));
    QVERIFY2(error.contains(QLatin1String("in use")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(busy.port)), qPrintable(error));
    // Nothing changed: the same listener, the same settings, no error in the window.
    QVERIFY(!listening.wait(300));
    QVERIFY(stopped.isEmpty());
    QVERIFY(failed.isEmpty());
    QVERIFY(m_controller->isListening());
    QCOMPARE(m_bar->baseUrl(), before);
    QVERIFY(accepts(port));
    QCOMPARE(m_controller->config().port, config.port);
    QVERIFY(!m_status->listenerText().contains(QLatin1String("in use")));
    {
        QSettings settings;
        QVERIFY(ListenerSettings::load(settings).port != busy.port);
    }

    // A free port: bound first, then the listener moves there without stopping.
    ListenerConfig moved = config;
    moved.port = freePort();
    QVERIFY(moved.port != 0);
    QVERIFY2(m_controller->apply(moved, &error), qPrintable(error));
    QVERIFY(listening.wait(Wait));
    QCOMPARE(QUrl(listening.last().first().toString()).port(), int(moved.port));
    QCOMPARE(QUrl(m_bar->baseUrl()).port(), int(moved.port));
    QVERIFY(stopped.isEmpty());
    QVERIFY(accepts(moved.port));
    QVERIFY(!accepts(port));
    QSettings settings;
    QCOMPARE(ListenerSettings::load(settings).port, moved.port);
}

void TestListenerController::okWhileStoppedSavesWithoutStarting() {
    ListenerConfig config;
    config.port = 0;
    QVERIFY(startListening(config));
    m_controller->toggle();
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isListening(), Wait);
    QSignalSpy listening(m_controller, &ListenerController::listening);
    config.token = Token;
    QString error;
    QVERIFY2(m_controller->apply(config, &error), qPrintable(error));
    QVERIFY(!listening.wait(500));
    QVERIFY(!m_controller->isListening());
    QVERIFY(!m_pipeline->isListening());
    QCOMPARE(m_status->listenerText(), QStringLiteral("Not listening"));
    QCOMPARE(m_controller->config().token, Token);
    {
        QSettings settings;
        QCOMPARE(ListenerSettings::load(settings).token, Token);
    }
    // Started again by hand, with the new settings.
    m_controller->toggle();
    QVERIFY(listening.wait(Wait));
    QVERIFY(m_bar->shownText().contains(QLatin1String("Token=")));
}

void TestListenerController::theSettingsDialogStaysOpenOnABusyPort() {
    ListenerConfig config;
    config.port = 0;
    QVERIFY(startListening(config));
    const quint16 port = quint16(QUrl(m_bar->baseUrl()).port());
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));

    bool stayedOpen = false;
    QString shown;
    int tries = 0;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ListenerSettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            if (++tries > Wait / 20) { // bounded: never leave a modal dialog open
                for (QWidget *top : QApplication::topLevelWidgets()) {
                    if (auto *open = qobject_cast<QDialog *>(top))
                        open->reject();
                }
            }
            return;
        }
        answer.stop();
        dialog->portEdit()->setValue(taken.serverPort());
        dialog->accept();
        stayedOpen = dialog->isVisible();
        shown = dialog->errorLabel()->isVisible() ? dialog->errorLabel()->text() : QString();
        dialog->reject();
    });
    answer.start();
    m_controller->showSettings(m_window.get());
    QVERIFY(stayedOpen);
    QVERIFY2(shown.contains(QLatin1String("in use")), qPrintable(shown));
    QVERIFY(m_controller->isListening());
    QVERIFY(accepts(port));
    QSettings settings;
    QVERIFY(ListenerSettings::load(settings).port != taken.serverPort());
}

void TestListenerController::samplesNeedAListener() {
    m_controller->start(ListenerConfig(), false);
    QCOMPARE(m_status->listenerText(), QStringLiteral("Not listening"));
    QSignalSpy sent(m_controller, &ListenerController::samplesSent);
    m_controller->sendSamples();
    QCOMPARE(m_status->currentMessage(), QStringLiteral("Start listening first"));
    QVERIFY(!m_controller->sampleSender()->isSending());
    QVERIFY(!sent.wait(300));
}

void TestListenerController::samplesArriveAndAreCounted() {
    QSignalSpy opened(m_pipeline, &CapturePipeline::sessionOpened);
    m_pipeline->openSession(m_dir.filePath(QStringLiteral("samples.mwsession")));
    QVERIFY(opened.wait(Wait));
    ListenerConfig config;
    config.port = 0;
    config.token = Token; // the samples must carry it to be accepted
    QVERIFY(startListening(config));
    QSignalSpy sent(m_controller, &ListenerController::samplesSent);
    QSignalSpy analysed(m_pipeline, &CapturePipeline::analysed);
    m_controller->sendSamples();
    QVERIFY(!m_sendSamples->isEnabled()); // one run at a time
    QVERIFY(sent.wait(Wait));
    const int count = int(SampleSender::samples().size());
    QCOMPARE(sent.first().at(0).toInt(), count);
    QCOMPARE(sent.first().at(1).toInt(), 0);
    QVERIFY(m_sendSamples->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            int captures = 0;
            for (const QList<QVariant> &batch : std::as_const(analysed))
                captures += int(batch.first().value<QList<AnalysedCapture>>().size());
            return captures == count;
        }(),
        Wait);
    QVERIFY2(m_status->currentMessage().contains(QString::number(count)),
             qPrintable(m_status->currentMessage()));
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestListenerController>(argc, argv,
                                                    QStringLiteral("tst_listenercontroller"));
}

#include "tst_listenercontroller.moc"
