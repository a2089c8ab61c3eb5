#include "models/headersmodel.h"
#include "panes/detail/headersview.h"

#include <QTest>

class TestHeadersView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sectionColumnOnlyWithTrailers();
    void masksUntilRevealed();
};

void TestHeadersView::sectionColumnOnlyWithTrailers() {
    HeadersView view;
    view.setFields({{"Host", "a"}, {"Content-Type", "application/json"}}, {});
    QCOMPARE(view.fieldCount(), 2);
    QVERIFY(view.isColumnHidden(HeadersModel::SectionColumn));
    view.setFields({{"Host", "a"}}, {{"X-Checksum", "abc"}});
    QCOMPARE(view.fieldCount(), 2);
    QVERIFY(!view.isColumnHidden(HeadersModel::SectionColumn));
    QCOMPARE(view.model()->index(1, HeadersModel::SectionColumn).data().toString(),
             QStringLiteral("trailer"));
    view.clear();
    QCOMPARE(view.fieldCount(), 0);
    QCOMPARE(view.model()->rowCount(), 0);
}

void TestHeadersView::masksUntilRevealed() {
    HeadersView view;
    view.setFields({{"Referer", "https://example.com/hook?Token=s3cret-TOKEN-9f2c"}}, {});
    const QModelIndex value = view.model()->index(0, HeadersModel::ValueColumn);
    QVERIFY(!value.data().toString().contains(QStringLiteral("s3cret")));
    QVERIFY(!value.data(Qt::ToolTipRole).toString().contains(QStringLiteral("s3cret")));
    view.setSecretsRevealed(true);
    QVERIFY(value.data().toString().contains(QStringLiteral("s3cret")));
    view.setSecretsRevealed(false);
    QVERIFY(!value.data().toString().contains(QStringLiteral("s3cret")));
}

QTEST_MAIN(TestHeadersView)
#include "tst_headersview.moc"
