#include "panes/detail/detailheader.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace {

QToolButton *button(const DetailHeader &header, const QString &text) {
    for (QToolButton *found : header.findChildren<QToolButton *>()) {
        if (found->text() == text)
            return found;
    }
    return nullptr;
}

} // namespace

class TestDetailHeader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void revealIsToldOnlyWhenPressed();
    void captureActionsCanBeDisabled();
    void titleIsPlainText();
};

void TestDetailHeader::revealIsToldOnlyWhenPressed() {
    DetailHeader header;
    QSignalSpy toggled(&header, &DetailHeader::revealToggled);
    QToolButton *reveal = header.revealButton();
    QCOMPARE(reveal->text(), QStringLiteral("Reveal secrets"));
    reveal->click();
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(toggled.at(0).at(0).toBool(), true);

    // The pane answers with the state it took; that is shown, not told back.
    header.setRevealed(true);
    QVERIFY(reveal->isChecked());
    QCOMPARE(reveal->text(), QStringLiteral("Secrets revealed"));
    header.setRevealed(false);
    QVERIFY(!reveal->isChecked());
    QCOMPARE(reveal->text(), QStringLiteral("Reveal secrets"));
    QCOMPARE(toggled.size(), 1);
}

void TestDetailHeader::captureActionsCanBeDisabled() {
    DetailHeader header;
    QSignalSpy requested(&header, &DetailHeader::curlRequested);
    QSignalSpy resendRequested(&header, &DetailHeader::resendRequested);
    QToolButton *curl = button(header, QStringLiteral("Copy as cURL"));
    QToolButton *resend = button(header, QStringLiteral("Resend…"));
    QVERIFY(curl);
    QVERIFY(resend);
    curl->click();
    resend->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(resendRequested.size(), 1);
    header.setCaptureActionsEnabled(false);
    curl->click();
    resend->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(resendRequested.size(), 1);
}

void TestDetailHeader::titleIsPlainText() {
    DetailHeader header;
    header.setTitle(QStringLiteral("Capture #7 <b>x</b>"));
    const QLabel *title = header.findChild<QLabel *>();
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Capture #7 <b>x</b>"));
    QCOMPARE(title->textFormat(), Qt::PlainText);
}

QTEST_MAIN(TestDetailHeader)
#include "tst_detailheader.moc"
