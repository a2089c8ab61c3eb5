#include "capturedecoration.h"

#include "icons.h"
#include "models/capturetablemodel.h"
#include "models/capturetext.h"
#include "panes/detail/severitydecoration.h"

#include <QApplication>
#include <QTextDocument>

CaptureDecoration::CaptureDecoration(QObject *parent)
    : QIdentityProxyModel(parent)
    , m_palette(QApplication::palette()) {
}

void CaptureDecoration::setPalette(const QPalette &palette) {
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

QVariant CaptureDecoration::stateIcon(const QModelIndex &index) const {
    const int state = QIdentityProxyModel::data(index, CaptureTableModel::StateRole).toInt();
    if (state == CaptureText::NotAnalysed)
        return Icons::pending();
    return Icons::forState(ContractState(state));
}

QVariant CaptureDecoration::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return QVariant();
    switch (role) {
    case Qt::DecorationRole:
        if (index.column() == CaptureTableModel::StateColumn)
            return stateIcon(index);
        if (index.column() == CaptureTableModel::NumberColumn) {
            const int state =
                QIdentityProxyModel::data(index, CaptureTableModel::StateRole).toInt();
            if (state == int(ContractState::Rejected) || state == int(ContractState::InvalidJson))
                return Icons::forState(ContractState(state));
        }
        break;
    case Qt::BackgroundRole: {
        const int state = QIdentityProxyModel::data(index, CaptureTableModel::StateRole).toInt();
        if (state == int(ContractState::Rejected) || state == int(ContractState::InvalidJson))
            return SeverityDecoration::tint(FindingSeverity::Error, m_palette);
        break;
    }
    case Qt::ToolTipRole: {
        QString tip = QIdentityProxyModel::data(index, role).toString();
        if (tip.isEmpty() && index.column() == CaptureTableModel::StateColumn)
            tip = QIdentityProxyModel::data(index, CaptureTableModel::SummaryRole).toString();
        // QToolTip renders anything that looks like markup; payload text must not.
        return tip.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(tip));
    }
    default:
        break;
    }
    return QIdentityProxyModel::data(index, role);
}
