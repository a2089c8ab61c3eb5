#pragma once

#include "checkablelistmodel.h"

/**
 * The actions and event discriminators to filter on: always the 7 documented General
 * webhook discriminators and the 7 documented Integration webhook actions (from the
 * contract schema, in its order), then any other seen in the session, marked unknown
 * (KnownRole false), each with the number of captures carrying it. Group "Events" then
 * group "Actions". Keys are the names, as CaptureFilter::setTags() takes them.
 */
class TagListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit TagListModel(CaptureStore *store, QObject *parent = nullptr);

    static QString eventsGroup() { return QStringLiteral("Events"); }
    static QString actionsGroup() { return QStringLiteral("Actions"); }

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Event / action"); }
};
