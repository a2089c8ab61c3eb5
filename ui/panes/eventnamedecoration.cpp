#include "eventnamedecoration.h"

#include "icons.h"
#include "models/capturetext.h"

#include <QFont>
#include <QTextDocument>

EventNameDecoration::EventNameDecoration(const Roles &roles, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_roles(roles) {
}

bool EventNameDecoration::isUnknown(const QModelIndex &index) const {
    if (m_roles.known < 0)
        return false;
    const QVariant known = QIdentityProxyModel::data(index.siblingAtColumn(0), m_roles.known);
    return known.isValid() && !known.toBool();
}

QVariant EventNameDecoration::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return QVariant();
    switch (role) {
    case Qt::DecorationRole:
        if (index.column() == m_roles.nameColumn && isUnknown(index))
            return Icons::unknown();
        if (index.column() == m_roles.stateColumn && m_roles.state >= 0) {
            const QVariant state = QIdentityProxyModel::data(index, m_roles.state);
            if (!state.isValid())
                break;
            return state.toInt() == CaptureText::NotAnalysed
                       ? Icons::pending()
                       : Icons::forState(ContractState(state.toInt()));
        }
        break;
    case Qt::FontRole:
        if (index.column() == m_roles.nameColumn && isUnknown(index)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case Qt::ToolTipRole: {
        const QString tip = QIdentityProxyModel::data(index, role).toString();
        return tip.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(tip));
    }
    default:
        break;
    }
    return QIdentityProxyModel::data(index, role);
}
