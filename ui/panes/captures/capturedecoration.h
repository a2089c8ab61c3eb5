#pragma once

#include <QIdentityProxyModel>
#include <QPalette>

/**
 * Puts the capture list's facts into pictures: the contract state as an icon (with
 * its name as tooltip) in the state column, rejected requests and invalid JSON as a
 * tinted row with the same icon beside the number, so they stand out without relying
 * on colour alone. Colours are washes of the palette's base colour, so they work in
 * light and dark palettes alike. Tooltips are escaped: payload text never renders.
 */
class CaptureDecoration : public QIdentityProxyModel {
    Q_OBJECT

public:
    explicit CaptureDecoration(QObject *parent = nullptr);

    void setPalette(const QPalette &palette);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QVariant stateIcon(const QModelIndex &index) const;
    QPalette m_palette;
};
