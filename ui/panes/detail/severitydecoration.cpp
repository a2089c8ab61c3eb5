#include "severitydecoration.h"

#include "models/detailroles.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>
#include <QTextDocument>

namespace {

QColor hue(FindingSeverity severity) {
    switch (severity) {
    case FindingSeverity::Note:
        return QColor(0x2a, 0x7a, 0xd6);
    case FindingSeverity::Warning:
        return QColor(0xd9, 0x8c, 0x00);
    case FindingSeverity::Error:
        break;
    }
    return QColor(0xd0, 0x30, 0x30);
}

QColor mix(const QColor &a, const QColor &b, double amount) {
    return QColor::fromRgbF(float(a.redF() * (1 - amount) + b.redF() * amount),
                            float(a.greenF() * (1 - amount) + b.greenF() * amount),
                            float(a.blueF() * (1 - amount) + b.blueF() * amount));
}

} // namespace

SeverityDecoration::SeverityDecoration(int iconColumn, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_palette(QApplication::palette())
    , m_iconColumn(iconColumn) {
}

void SeverityDecoration::setPalette(const QPalette &palette) {
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QIcon SeverityDecoration::icon(FindingSeverity severity) {
    QStyle *style = QApplication::style();
    switch (severity) {
    case FindingSeverity::Note:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case FindingSeverity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case FindingSeverity::Error:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxCritical);
}

QColor SeverityDecoration::tint(FindingSeverity severity, const QPalette &palette) {
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return mix(palette.color(QPalette::Base), hue(severity), dark ? 0.30 : 0.16);
}

QColor SeverityDecoration::textColor(FindingSeverity severity, const QPalette &palette) {
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return mix(hue(severity), palette.color(QPalette::Text), dark ? 0.25 : 0.2);
}

QVariant SeverityDecoration::data(const QModelIndex &index, int role) const {
    switch (role) {
    case Qt::DecorationRole: {
        const QVariant severity =
            QIdentityProxyModel::data(index, DetailRoles::FindingSeverityRole);
        if (severity.isValid() && index.column() == m_iconColumn)
            return icon(FindingSeverity(severity.toInt()));
        break;
    }
    case Qt::BackgroundRole: {
        // Only the rows the findings are about; their parents just carry the icon.
        const QVariant own = QIdentityProxyModel::data(index, DetailRoles::OwnFindingSeverityRole);
        if (own.isValid())
            return tint(FindingSeverity(own.toInt()), m_palette);
        break;
    }
    case Qt::ToolTipRole: {
        // QToolTip renders anything that looks like markup as rich text; payload text
        // (quoted in finding messages, header values) must show literally.
        const QString tip = QIdentityProxyModel::data(index, role).toString();
        return tip.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(tip));
    }
    case Qt::FontRole:
        if (QIdentityProxyModel::data(index, DetailRoles::SecretRole).toBool()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    }
    return QIdentityProxyModel::data(index, role);
}
