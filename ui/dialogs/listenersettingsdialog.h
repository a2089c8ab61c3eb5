#pragma once

#include "http/listenerconfig.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class MebibyteSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

/**
 * Where and how the listener listens and answers: bind address, port, token (masked,
 * with a show toggle), body limit, request timeout, connection limit, and the
 * response (status, headers, body, delay). Checked, and applied when it has an Apply,
 * before it closes, so what it returns always applies.
 */
class ListenerSettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ListenerSettingsDialog(const ListenerConfig &config, QWidget *parent = nullptr);

    /// Applies a configuration; false with *error when it is refused.
    using Apply = std::function<bool(const ListenerConfig &config, QString *error)>;

    /// The edited configuration; nullopt with *error when a field is not valid.
    std::optional<ListenerConfig> config(QString *error) const;
    /// Called with the edited configuration on OK; the dialog closes only if it returns
    /// true, else it shows the error and stays open.
    void setApply(Apply apply);

    QComboBox *bindEdit() const { return m_bind; }
    QSpinBox *portEdit() const { return m_port; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QSpinBox *statusEdit() const { return m_status; }
    QSpinBox *delayEdit() const { return m_delay; }
    /// "Custom", then ResponsePreset::all(); follows the answer fields as they are edited.
    QComboBox *presetEdit() const { return m_preset; }
    /// What Mews makes of the answer as set (DeliveryOutcome).
    QLabel *outcomeLabel() const { return m_outcome; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    void applyPreset(int index);
    void answerEdited();
    /// The answer as the fields set it; nullopt with *headerError for a bad header line.
    std::optional<ResponseSpec> editedResponse(QString *headerError) const;

    ListenerConfig m_base;
    Apply m_apply;
    QComboBox *m_bind;
    QSpinBox *m_port;
    QLineEdit *m_token;
    MebibyteSpinBox *m_maxBody;
    QSpinBox *m_timeout;
    QSpinBox *m_connections;
    QSpinBox *m_status;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QSpinBox *m_delay;
    QComboBox *m_preset;
    QLabel *m_outcome;
    QLabel *m_error;
};
