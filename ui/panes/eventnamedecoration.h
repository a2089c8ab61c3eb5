#pragma once

#include <QIdentityProxyModel>

/**
 * Marks names Mews does not document (a model's KnownRole is false) with the
 * "unknown" icon and an italic font, shows a contract state role as its icon, and
 * escapes tooltips so payload text never renders as markup. Used by the event views
 * and the filter lists, which share the idea but not the role numbers.
 */
class EventNameDecoration : public QIdentityProxyModel {
    Q_OBJECT

public:
    struct Roles {
        int known = -1;       ///< the source's KnownRole
        int nameColumn = 0;   ///< where the unknown icon goes
        int state = -1;       ///< the source's StateRole, or -1
        int stateColumn = -1; ///< where the state icon goes
    };

    explicit EventNameDecoration(const Roles &roles, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    bool isUnknown(const QModelIndex &index) const;

    Roles m_roles;
};
