#pragma once

// The window the main window's and the session controller's tests start: listening on
// a free port with a new untitled session, its prompts scripted (header-only: each
// tst_*.cpp is its own executable).

#include "scriptedprompts.h"

#include "live/listenercontroller.h"
#include "live/samplesender.h"
#include "mainwindow.h"
#include "panes/listener/listenerbar.h"
#include "session/capturestore.h"
#include "session/livesession.h"
#include "session/sessioncontroller.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

inline constexpr int Wait = 20000;

/// POSTs one body to the listener over a real socket; the status line's code.
inline int post(const QString &baseUrl, const QByteArray &body,
                const QByteArray &target = "/webhook") {
    const QUrl url(baseUrl);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(url.host()), quint16(url.port()));
    if (!socket.waitForConnected(Wait))
        return -1;
    socket.write("POST " + target + " HTTP/1.1\r\nHost: " + url.host().toLatin1() +
                 "\r\nContent-Type: application/json\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QByteArray answer;
    while (socket.waitForReadyRead(Wait))
        answer += socket.readAll();
    answer += socket.readAll();
    return answer.mid(9, 3).toInt();
}

inline int samplesCount() {
    return int(SampleSender::samples().size());
}

class WindowFixture {
protected:
    /// Starts m_window; false when it does not listen or has no session.
    bool setUp() {
        m_window = startWindow();
        m_prompts = m_allPrompts.constLast();
        return m_window->listener()->isListening() && !m_window->session()->path().isEmpty();
    }
    void tearDown() {
        closeWindow(m_window);
        m_window = nullptr;
        qDeleteAll(m_allPrompts);
        m_allPrompts.clear();
        // Every test starts from no leftovers and default settings.
        for (const SessionInfo &leftover : LiveSession::findRecoverable()) {
            QString error;
            LiveSession::discard(leftover.path, &error);
        }
        QSettings().clear();
    }

    /// A window listening on a free port with a new untitled session (or `session`).
    MainWindow *startWindow(const QString &session = QString(), bool listen = true);
    void closeWindow(MainWindow *window);
    void sendSamples();
    QString baseUrl() const { return m_window->listenerBar()->baseUrl(); }

    QTemporaryDir m_dir;
    ScriptedPrompts *m_prompts = nullptr;
    MainWindow *m_window = nullptr;
    QList<ScriptedPrompts *> m_allPrompts;
};

inline MainWindow *WindowFixture::startWindow(const QString &session, bool listen) {
    auto *prompts = new ScriptedPrompts;
    m_allPrompts.append(prompts);
    auto *window = new MainWindow(prompts);
    QSignalSpy listening(window, &MainWindow::listening);
    QSignalSpy loaded(window->session(), &SessionController::loaded);
    WindowStart start;
    start.listener.port = 0;
    start.listen = listen;
    start.sessionFile = session;
    window->show();
    window->start(start);
    if (listen && !listening.wait(Wait))
        qWarning("the window did not start listening");
    if (loaded.isEmpty() && !loaded.wait(Wait))
        qWarning("the session did not load");
    return window;
}

inline void WindowFixture::closeWindow(MainWindow *window) {
    if (!window)
        return;
    for (ScriptedPrompts *prompts : std::as_const(m_allPrompts))
        prompts->saveUntitled = SessionPrompts::Answer::Discard;
    window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), Wait);
    delete window;
}

inline void WindowFixture::sendSamples() {
    const qsizetype before = m_window->store()->size();
    QSignalSpy sent(m_window, &MainWindow::samplesSent);
    m_window->listener()->sendSamples();
    QVERIFY(sent.wait(Wait));
    QCOMPARE(sent.at(0).at(0).toInt(), samplesCount());
    QCOMPARE(sent.at(0).at(1).toInt(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), before + samplesCount(), Wait);
}
