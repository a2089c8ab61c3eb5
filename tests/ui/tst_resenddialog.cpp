// ResendDialog on the offscreen platform, sending to a real server on loopback.
#include "../http/oneshotserver.h"
#include "dialogs/resenddialog.h"
#include "mews/deliveryoutcome.h"
#include "scratchhome.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTest>

namespace {

constexpr int Wait = 10000;

const QByteArray Body = QByteArrayLiteral(R"({"Events":[]})");

Capture webhook() {
    Capture c;
    c.id = 42;
    c.method = "POST";
    c.target = "/webhook?Token=s3cret-TOKEN-9f2c";
    c.httpVersion = "HTTP/1.1";
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Type", "application/json"},
                 {"Content-Length", QByteArray::number(Body.size())}};
    c.body = Body;
    return c;
}

QString sendsTo(const ResendDialog &dialog) {
    // the label beside "Sends to:"
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->buddy() == nullptr && label->text().startsWith(QLatin1String("http")))
            return label->text();
    }
    return {};
}

} // namespace

class TestResendDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sendsAndShowsTheAnswer();
    void refusesWhatIsNotAUrl();
    void masksTheTokenUnlessRevealed();
    void noAnswerIsAFailureForMews();
    void showsPercentSignsAsTheyCame();
    void warnsOfADecompressedImportedBody();
    void screenshot();
};

void TestResendDialog::sendsAndShowsTheAnswer() {
    OneShotServer server(
        "HTTP/1.1 202 Accepted\r\nContent-Length: 8\r\nX-Seen: 1\r\n\r\nqueued\r\n");
    ResendDialog dialog(webhook(), false);
    dialog.show();
    const QString destination = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    dialog.destinationEdit()->setText(destination);
    QVERIFY(dialog.sendButton()->isEnabled());
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.outcomeText().startsWith(QLatin1String("HTTP 202 Accepted")),
                             Wait);
    QVERIFY2(dialog.outcomeText().contains(QLatin1String("X-Seen: 1")),
             qPrintable(dialog.outcomeText()));
    // and what Mews would make of that answer
    QVERIFY2(dialog.outcomeText().contains(QLatin1String("\nFor Mews: Delivered")),
             qPrintable(dialog.outcomeText()));
    QVERIFY(dialog.outcomeText().trimmed().endsWith(QLatin1String("\n\nqueued")));
    // the capture's path and query went, with the real token
    QVERIFY2(server.received().startsWith("POST /webhook?Token=s3cret-TOKEN-9f2c HTTP/1.1\r\n"),
             server.received().constData());
    QVERIFY(server.received().endsWith(Body));
    QVERIFY(dialog.sendButton()->isEnabled()); // ready to send again
    // the destination is remembered for the next dialog
    QCOMPARE(QSettings().value(QLatin1String(ResendDialog::DestinationKey)).toString(),
             destination);
    ResendDialog next(webhook(), false);
    QCOMPARE(next.destinationEdit()->text(), destination);
}

void TestResendDialog::refusesWhatIsNotAUrl() {
    ResendDialog dialog(webhook(), false);
    dialog.destinationEdit()->setText(QStringLiteral("ftp://example.com/x"));
    QVERIFY(!dialog.sendButton()->isEnabled());
    dialog.destinationEdit()->setText(QStringLiteral("localhost:3000"));
    QVERIFY(dialog.sendButton()->isEnabled());
    QCOMPARE(sendsTo(dialog), QStringLiteral("http://localhost:3000/webhook?Token=••••••••9f2c"));
}

void TestResendDialog::masksTheTokenUnlessRevealed() {
    ResendDialog revealed(webhook(), true);
    revealed.destinationEdit()->setText(QStringLiteral("http://localhost:3000"));
    QCOMPARE(sendsTo(revealed),
             QStringLiteral("http://localhost:3000/webhook?Token=s3cret-TOKEN-9f2c"));
}

void TestResendDialog::noAnswerIsAFailureForMews() {
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    ResendDialog dialog(webhook(), false);
    dialog.destinationEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.outcomeText().startsWith(QLatin1String("No answer")), Wait);
    QVERIFY2(dialog.outcomeText().contains(QLatin1String("refused"), Qt::CaseInsensitive),
             qPrintable(dialog.outcomeText()));
    const QString retried = DeliveryOutcome::of(0, 0).text;
    QVERIFY2(dialog.outcomeText().contains(QStringLiteral("For Mews: ") + retried),
             qPrintable(dialog.outcomeText()));
}

// A reason phrase or URL with %3 or %2F in it is shown as it came, not taken for the
// place of the time or of what the line puts after it.
void TestResendDialog::showsPercentSignsAsTheyCame() {
    const auto urlOf = [](quint16 port) -> QString {
        return QStringLiteral("http://127.0.0.1:") + QString::number(port) +
               QStringLiteral("/a%2Fb");
    };
    const auto answerFrom = [&](quint16 port) {
        ResendDialog dialog(webhook(), false);
        dialog.destinationEdit()->setText(urlOf(port));
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        (void)QTest::qWaitFor([&] { return !dialog.outcomeText().startsWith(u"Sending"); }, Wait);
        return dialog.outcomeText();
    };
    OneShotServer server("HTTP/1.1 202 %3 %4\r\nContent-Length: 0\r\n\r\n");
    const QString answered = answerFrom(server.port());
    const QRegularExpression answer(QStringLiteral("^HTTP 202 %3 %4 in \\d+ ms from ") +
                                    QRegularExpression::escape(urlOf(server.port())) + u'\n');
    QVERIFY2(answer.match(answered).hasMatch(), qPrintable(answered));

    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    const QString unanswered = answerFrom(port);
    const QRegularExpression noAnswer(QStringLiteral("^No answer from ") +
                                      QRegularExpression::escape(urlOf(port)) +
                                      QStringLiteral(" after \\d+ ms: "));
    QVERIFY2(noAnswer.match(unanswered).hasMatch(), qPrintable(unanswered));
}

// mitmproxy's HAR holds a gzip request's text decompressed, with its Content-Encoding field.
void TestResendDialog::warnsOfADecompressedImportedBody() {
    const auto about = [](const Capture &capture) {
        ResendDialog dialog(capture, false);
        QStringList texts;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            texts.append(label->text());
        return texts.join(u'\n');
    };
    Capture imported = webhook();
    imported.origin = CaptureOrigin::HarImport;
    imported.headers.append(HeaderField{"Content-Encoding", "gzip"});
    QVERIFY2(about(imported).contains(
                 QLatin1String("Content-Encoding field still says gzip, so the receiver")),
             qPrintable(about(imported)));
    Capture received = imported; // the listener's bytes are what the sender sent
    received.origin = CaptureOrigin::Listener;
    QVERIFY(!about(received).contains(QLatin1String("still says")));
    QVERIFY(!about(webhook()).contains(QLatin1String("still says")));
}

void TestResendDialog::screenshot() {
    const QString folder = qEnvironmentVariable("MWI_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set MWI_SCREENSHOT_DIR to write screenshots");
    const QByteArray body = R"({"received":1,"handled":"Events[0]"})";
    OneShotServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
    ResendDialog dialog(webhook(), false);
    dialog.show();
    dialog.destinationEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.outcomeText().startsWith(QLatin1String("HTTP 200")), Wait);
    QApplication::processEvents();
    QVERIFY(dialog.grab().save(QDir(folder).filePath(QStringLiteral("resend.png"))));
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestResendDialog>(argc, argv, QStringLiteral("tst_resenddialog"));
}
#include "tst_resenddialog.moc"
