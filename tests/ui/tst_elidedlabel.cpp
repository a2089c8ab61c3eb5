#include "panes/elidedlabel.h"

#include <QApplication>
#include <QHelpEvent>
#include <QTest>
#include <QToolTip>

class TestElidedLabel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QToolTip::hideText(); }
    void asksForItsCharactersWhateverTheText();
    void aTextThatDoesNotFitIsInTheTooltip_data();
    void aTextThatDoesNotFitIsInTheTooltip();
};

namespace {

const QString Text = QStringLiteral("1,234,567 of 12,345,678 captures");

} // namespace

void TestElidedLabel::asksForItsCharactersWhateverTheText() {
    ElidedLabel label(6);
    label.setText(Text);
    const QFontMetrics metrics = label.fontMetrics();
    QCOMPARE(label.minimumSizeHint().width(), metrics.averageCharWidth() * 6);
    QVERIFY(label.sizeHint().width() >= metrics.horizontalAdvance(Text));
    // The same for a shorter text: a count that grows does not widen the window.
    label.setText(QStringLiteral("1"));
    QCOMPARE(label.minimumSizeHint().width(), metrics.averageCharWidth() * 6);
}

void TestElidedLabel::aTextThatDoesNotFitIsInTheTooltip_data() {
    QTest::addColumn<bool>("narrow");
    QTest::addColumn<QString>("ownTip");
    QTest::addColumn<QString>("expected");
    const QString own = QStringLiteral("Captures shown of all");
    QTest::newRow("fits") << false << own << own;
    QTest::newRow("fits, no own tooltip") << false << QString() << QString();
    QTest::newRow("cut") << true << own << Text + QStringLiteral("\n\n") + own;
    QTest::newRow("cut, no own tooltip") << true << QString() << Text;
    QTest::newRow("cut, own tooltip holds it") << true << Text << Text;
}

void TestElidedLabel::aTextThatDoesNotFitIsInTheTooltip() {
    QFETCH(bool, narrow);
    QFETCH(QString, ownTip);
    QFETCH(QString, expected);
    ElidedLabel label(6);
    label.setText(Text);
    label.setToolTip(ownTip);
    const int needed = label.fontMetrics().horizontalAdvance(Text);
    label.resize(narrow ? needed / 2 : needed + 10, label.sizeHint().height());
    label.show();
    QVERIFY(QTest::qWaitForWindowExposed(&label));
    QCOMPARE(label.isElided(), narrow);
    QCOMPARE(label.fullToolTip(), expected);
    QHelpEvent help(QEvent::ToolTip, QPoint(2, 2), label.mapToGlobal(QPoint(2, 2)));
    QApplication::sendEvent(&label, &help);
    if (expected.isEmpty())
        QVERIFY(!QToolTip::isVisible());
    else
        QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), expected, 5000);
}

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    TestElidedLabel test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_elidedlabel.moc"
