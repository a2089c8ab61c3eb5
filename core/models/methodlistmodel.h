#pragma once

#include "checkablelistmodel.h"

#include <QHash>

/// The HTTP methods seen in the session, in order first seen, with their counts; keys
/// are the methods as sent (CaptureFilter::setMethods()).
class MethodListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit MethodListModel(CaptureStore *store, QObject *parent = nullptr);

protected:
    QList<Item> collect() const override;
    void capturesAppended(qsizetype first, qsizetype last) override;
    void storeReset() override;
    QString nameTitle() const override { return QStringLiteral("Method"); }

private:
    void count(qsizetype first, qsizetype last);

    QList<quint32> m_order; ///< method string indexes, first seen first
    QHash<quint32, qsizetype> m_counts;
};
