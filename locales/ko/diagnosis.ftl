# 진단 텍스트(src/diagnosis/causes.rs). 영문 파일과 같은 id를 씁니다.
# Google 화면의 한국어 용어를 그대로 인용합니다: Google 계정, 보안, 2단계 인증, 앱 비밀번호,
# 최근 보안 활동, 고급 보호 프로그램, OAuth 동의 화면, 테스트 사용자, 데스크톱 앱, 전송 한도.
# -recheck 텍스트는 diag-step-recheck 문장의 앞부분이 됩니다.

## 단계 하나를 한 줄로 나타내는 방식

diag-step-recheck = { $purpose } `smtp-setup check --user { $user }` 명령을 실행하세요.
diag-step-decode = { $text } 그 내용을 `smtp-setup diagnose`에 붙여 넣으면 설명해 드립니다.
diag-step-use-in-app = 앱에서 이전 비밀번호 대신 새 앱 비밀번호를 입력하세요.

## Google 페이지를 여는 버튼

google-page-security = Google 보안 설정 열기
google-page-two-step = 2단계 인증 페이지 열기
google-page-app-passwords = 앱 비밀번호 페이지 열기
google-page-security-activity = 최근 보안 활동 열기
google-page-connections = 서드 파티 앱 및 서비스 열기
google-page-oauth-clients = Google Cloud에서 OAuth 클라이언트 열기
google-page-oauth-test-users = Google Cloud에서 OAuth 테스트 사용자 열기
google-page-sending-limits = Gmail 전송 한도 열기

## 저장된 앱 비밀번호는 작동하는데 새 앱 비밀번호가 거부됨

diag-refused_replacement-title = Gmail에서 새 앱 비밀번호를 거부했습니다
diag-refused_replacement-explanation = 저장된 앱 비밀번호가 아직 작동하므로 주소({ $address })와 2단계 인증에는 문제가 없습니다. Gmail이 새 앱 비밀번호를 거부했습니다(응답 535 5.7.8). 대개 글자가 빠졌거나 잘못 입력되었거나, 다른 Google 계정에서 만든 비밀번호이거나, 만든 뒤 Google에서 삭제된 경우입니다.
diag-refused_replacement-step-1 = { $address } 계정으로 Google에 로그인한 상태에서 새 앱 비밀번호를 만들고, 16자를 한 번에 모두 복사하세요.
diag-refused_replacement-step-2 = 거부된 비밀번호 대신 붙여 넣은 다음 다시 확인하세요.

## 오류를 출력한 스택의 TLS 설정

diag-stack-export = { $fix } `smtp-setup export --format { $stack }` 명령이 이 설정을 만들어 줍니다.
diag-stack-django = Django 설정: 포트 465에는 EMAIL_USE_SSL = True, 포트 587에는 EMAIL_USE_TLS = True를 쓰고, 둘을 함께 켜지 마세요.
diag-stack-flask = Flask-Mail: 포트 465에는 MAIL_USE_SSL = True, 포트 587에는 MAIL_USE_TLS = True를 쓰세요.
diag-stack-python = smtplib: 포트 465에는 smtplib.SMTP_SSL을 쓰고, 포트 587에는 smtplib.SMTP를 쓰되 login() 전에 starttls()를 호출하세요.
diag-stack-phpmailer = PHPMailer: 포트 465에는 SMTPSecure = PHPMailer::ENCRYPTION_SMTPS, 포트 587에는 PHPMailer::ENCRYPTION_STARTTLS를 쓰세요.
diag-stack-laravel = Laravel의 .env: 포트 465에는 MAIL_SCHEME=smtps(Laravel 11 이전에는 MAIL_ENCRYPTION=ssl), 포트 587에는 MAIL_SCHEME=smtp(MAIL_ENCRYPTION=tls)를 쓰세요.
diag-stack-wordpress = WP Mail SMTP: 포트 465에는 암호화를 SSL로, 포트 587에는 TLS로 설정하세요.
diag-stack-nodemailer = Nodemailer: secure: true는 포트 465에만 쓰고, 포트 587에는 secure: false와 requireTLS: true를 함께 쓰세요.
diag-stack-mailkit = MailKit: 포트 465에는 SecureSocketOptions.SslOnConnect, 포트 587에는 SecureSocketOptions.StartTls를 쓰세요.
diag-stack-smtpclient = System.Net.Mail.SmtpClient는 포트 465를 전혀 쓸 수 없습니다. 포트 587에서 EnableSsl = true로 쓰세요.
diag-stack-spring = Spring Boot: 포트 465에는 spring.mail.properties.mail.smtp.ssl.enable=true, 포트 587에는 ...mail.smtp.starttls.enable=true와 ...starttls.required=true를 설정하세요.
diag-stack-rails = Action Mailer의 smtp_settings: 포트 465에는 tls: true, 포트 587에는 enable_starttls: true를 설정하세요.
diag-stack-go = Go: 포트 465에는 tls.Dial과 smtp.NewClient를, 포트 587에는 smtp.SendMail(STARTTLS를 수행함)을 쓰세요.
diag-stack-msmtp = msmtp: 포트 465에는 tls_starttls off, 포트 587에는 tls_starttls on을 설정하세요.
diag-stack-other = 앱의 TLS 설정을 포트에 맞추세요. 465에는 암시적 TLS(SSL), 587에는 STARTTLS입니다.

## 원인

diag-bad_credentials-title = Gmail에서 사용자 이름 또는 앱 비밀번호를 거부했습니다
diag-bad_credentials-explanation = Gmail이 로그인을 거부했습니다(응답 535 5.7.8). 비밀번호가 틀렸거나, 앱 비밀번호가 취소되었거나(Google 계정 비밀번호를 변경하면 모든 앱 비밀번호가 취소됩니다), 일반 Google 계정 비밀번호를 입력한 경우입니다. Gmail은 2022년 5월 30일부터(Workspace는 2024년부터) 앱에서 일반 비밀번호를 받지 않습니다. 앱에는 앱 비밀번호가 필요하고, 앱 비밀번호를 만들려면 2단계 인증이 필요합니다.
diag-bad_credentials-step-1 = 사용자 이름이 전체 주소({ $address })인지 확인하세요.
diag-bad_credentials-step-1-unknown = 사용자 이름이 전체 Gmail 주소(예: you@gmail.com)인지 확인하세요.
diag-bad_credentials-step-2 = 2단계 인증이 꺼져 있으면 사용 설정하세요.
diag-bad_credentials-step-3 = 새 앱 비밀번호를 만들고 16자를 끝에 공백 없이 복사하세요.
diag-bad_credentials-recheck = Gmail이 받아들이는지 확인하려면

diag-app_password_required-title = Gmail에는 Google 계정 비밀번호가 아닌 앱 비밀번호가 필요합니다
diag-app_password_required-explanation = 이 계정은 2단계 인증이 사용 설정되어 있어서 Gmail이 이메일 앱에서 보낸 일반 Google 계정 비밀번호를 받지 않습니다(응답 534 5.7.9). 대신 앱 비밀번호를 사용하세요. 앱 비밀번호는 앱 하나에만 쓰도록 만든 16자리 비밀번호입니다.
diag-app_password_required-step-1 = 앱 비밀번호를 만들고(예: 이름을 "smtp-setup"으로) 16자를 복사하세요.
diag-app_password_required-step-2 = 페이지에 찾고 있는 설정을 계정에서 사용할 수 없다는 메시지가 표시되면 앱 비밀번호가 차단된 것입니다(보안 키에만 2단계 인증이 설정된 계정, 고급 보호 프로그램, 또는 직장·학교 관리자의 설정). 대신 'Google 계정으로 로그인'을 사용하세요.
diag-app_password_required-recheck = Gmail이 받아들이는지 확인하려면

diag-web_login_required-title = Google에서 평소와 다른 로그인으로 보고 차단했습니다
diag-web_login_required-explanation = Google이 처음 보는 위치나 기기(새 서버, 클라우드 호스트, 다른 국가)에서 로그인을 감지하고, 본인이 맞는지 확인할 때까지 차단했습니다(응답 534 5.7.14). 비밀번호가 틀린 것이 아니라 보안 확인입니다.
diag-web_login_required-step-1 = 최근 보안 활동에서 차단된 로그인이 본인이었다고 확인하세요('예, 본인입니다').
diag-web_login_required-step-2 = 가능하면 메일을 보내는 컴퓨터의 웹브라우저에서 Gmail에 한 번 로그인하세요.
diag-web_login_required-step-3 = 계정 비밀번호 대신 앱 비밀번호(또는 'Google 계정으로 로그인')를 사용하세요.
diag-web_login_required-recheck = 몇 분 후에

diag-starttls_required-title = 앱이 암호화를 켜기 전에 로그인하려고 했습니다
diag-starttls_required-explanation = 포트 587에서 Gmail은 암호화 없이 시작하므로, 앱은 로그인하거나 보내기 전에 STARTTLS 명령으로 암호화를 켜야 합니다(응답 530 5.7.0 Must issue a STARTTLS command first). 앱이 이 단계를 건너뛰어 Gmail이 거부했습니다.
diag-starttls_required-step-1 = 앱 설정에서 STARTTLS를 켜세요(흔히 "Use TLS", EnableSsl, EMAIL_USE_TLS = True, 또는 로그인 전 server.starttls()라는 이름입니다).
diag-starttls_required-step-2 = 또는 처음부터 SSL/TLS를 쓰는 포트 465(암시적 TLS)를 사용하세요.
diag-starttls_required-step-3 = 호스트가 smtp.gmail.com인지 확인하세요.
diag-starttls_required-recheck = 이 컴퓨터에서 어떤 포트와 방식이 되는지 보려면

diag-auth_required-title = 로그인에 성공하지 않은 채 Gmail에 메일을 보냈습니다
diag-auth_required-explanation = Gmail은 메시지보다 먼저 로그인을 기대했습니다(응답 530 5.7.0 Authentication Required, 이전 응답에서는 5.5.1). 앱이 사용자 이름과 비밀번호를 아예 보내지 않았거나, Gmail이 거부했는데도 앱이 그대로 진행한 경우입니다. .NET의 SmtpClient가 이렇게 동작하므로 앱 비밀번호가 틀렸거나 없을 때도 흔히 이 오류로 나타납니다.
diag-auth_required-step-1 = 앱이 로그인하도록 설정되어 있고 사용자 이름이 { $address }인지 확인하세요(.NET에서는 Credentials를 설정하기 전에 UseDefaultCredentials = false로 설정하세요).
diag-auth_required-step-2 = Google 계정 비밀번호가 아닌 앱 비밀번호를 사용하세요(2단계 인증이 필요합니다).
diag-auth_required-recheck = 로그인만 따로 테스트하려면

diag-too_many_logins-title = 짧은 시간에 로그인 시도가 너무 많습니다
diag-too_many_logins-explanation = 앱이 너무 자주 로그인해서(대개 메시지마다 새 연결을 열고 로그인해서) Gmail이 이 계정의 로그인을 일시적으로 거부하고 있습니다(응답 454 4.7.0). 시간이 지나면 저절로 풀리지만, 계속 재시도하면 풀리지 않습니다.
diag-too_many_logins-step-1 = 앱과 앱의 재시도를 한동안(적어도 몇 분) 멈추세요.
diag-too_many_logins-step-2 = 앱이 한 번 로그인한 뒤 연결 하나로 여러 메시지를 보내도록 바꾸세요.
diag-too_many_logins-step-3 = 여러 작업자가 동시에 보낸다면 동시에 연결하는 수를 제한하세요.
diag-too_many_logins-recheck = 기다린 후 한 번만

diag-sending_limit-title = 계정이 Gmail 전송 한도에 도달했습니다
diag-sending_limit-explanation = Gmail은 계정이 보낼 수 있는 양을 제한합니다(응답 550 5.4.5). Google Workspace는 하루 2,000통, 개인 계정은 약 500통이며, 최근 24시간을 기준으로 계산합니다. 이전 메시지가 이 기간을 벗어날 때까지 Gmail은 새 메시지를 거부합니다.
diag-sending_limit-step-1 = 전송을 멈추세요. 한도는 24시간 안에 저절로 풀립니다.
diag-sending_limit-step-2 = 앱에 같은 메시지를 다시 보내는 반복이나 재시도가 없는지 확인하세요.
diag-sending_limit-step-3 = 뉴스레터나 대량 메일에는 Gmail 계정 대신 이메일 발송 서비스를 사용하세요.
diag-sending_limit-step-4 = Google의 Gmail 전송 한도 안내를 읽어 보세요.

diag-try_again_later-title = Gmail이 연결을 일시적으로 거부했습니다
diag-try_again_later-explanation = Gmail이 '나중에 다시 시도'하라고 응답했습니다(4xx 응답). Gmail 쪽의 부하나 이 주소에서 온 너무 많은 연결 등의 이유로 지금은 이 연결을 받지 않습니다. 로그인 정보는 문제가 아니었습니다.
diag-try_again_later-step-1 = 몇 분 기다린 후 다시 시도하세요.
diag-try_again_later-step-2 = 앱이 localhost나 IP 주소가 아닌 실제 호스트 이름으로 자신을 소개(EHLO)하는지 확인하세요.
diag-try_again_later-step-3 = 연결 수를 적게 유지하세요. 연결 하나로 여러 메시지를 보내세요.
diag-try_again_later-recheck = 다시 시도하려면

diag-oauth_token_rejected-title = Gmail에서 'Google 계정으로 로그인' 토큰을 거부했습니다
diag-oauth_token_rejected-explanation = 앱이 OAuth(XOAUTH2)로 로그인했는데 Gmail이 액세스 토큰을 거부했습니다. 토큰이 만료되었거나(유효 시간은 약 1시간), 취소되었거나, 전체 Gmail 범위인 https://mail.google.com/ 없이 발급되었습니다(SMTP에는 gmail.send만으로 부족합니다).
diag-oauth_token_rejected-step-1 = 갱신 토큰으로 새 액세스 토큰을 받아 다시 시도하세요.
diag-oauth_token_rejected-step-2 = 토큰을 https://mail.google.com/ 범위로 요청했는지 확인하세요.
diag-oauth_token_rejected-step-3 = 사용자 이름이 로그인한 Google 계정({ $address })인지 확인하세요.
diag-oauth_token_rejected-step-4 = 그래도 실패하면 Google 계정으로 다시 로그인하세요.
diag-oauth_token_rejected-recheck = 확인하려면

diag-oauth_invalid_grant-title = 저장된 'Google 계정으로 로그인'을 Google이 더 이상 받아들이지 않습니다
diag-oauth_invalid_grant-explanation = Google이 앱의 액세스 갱신을 거부했습니다(invalid_grant: 갱신 토큰이 만료되었거나 취소됨). OAuth 앱의 게시 상태가 '테스트'이면 7일 후에, 비밀번호를 변경했거나 앱의 액세스 권한을 삭제한 후에, 또는 6개월 동안 사용하지 않은 후에 이렇게 됩니다.
diag-oauth_invalid_grant-step-1 = Google 계정으로 다시 로그인해 새 갱신 토큰을 받으세요.
diag-oauth_invalid_grant-step-2 = 직접 운영하는 OAuth 클라이언트가 '테스트' 상태라면 각 사용자를 테스트 사용자로 추가하거나 앱을 게시하세요(프로덕션 단계).
diag-oauth_invalid_grant-step-3 = 앱에 아직 계정 액세스 권한이 있는지 확인하세요.
diag-oauth_invalid_grant-step-4 = 직장 또는 학교 계정이라면 관리자에게 이 앱이 허용되어 있는지 문의하세요(admin_policy_enforced는 차단되었다는 뜻입니다).

diag-oauth_access_denied-title = Google 로그인이 거부되었습니다
diag-oauth_access_denied-explanation = Google이 앱에 액세스 권한을 주지 않았습니다(access_denied). OAuth 동의 화면에서 취소했거나, OAuth 앱이 '테스트' 상태인데 이 Google 계정이 테스트 사용자가 아닌 경우입니다. 이때 Google은 테스트 사용자가 아닌 모든 계정을 거부합니다.
diag-oauth_access_denied-step-1 = { $address } 계정을 OAuth 앱의 테스트 사용자로 추가하세요.
diag-oauth_access_denied-step-1-unknown = 이 Google 계정을 OAuth 앱의 테스트 사용자로 추가하세요.
diag-oauth_access_denied-step-2 = Google 계정으로 다시 로그인하고 'Gmail의 모든 이메일 읽기, 작성, 전송 및 영구 삭제' 액세스를 허용하세요(SMTP에 필요한 범위입니다).

diag-oauth_admin_policy-title = 조직의 관리자가 이 앱을 차단하고 있습니다
diag-oauth_admin_policy-explanation = Google Workspace 관리자가 이 OAuth 앱의 Gmail 액세스를 허용하지 않습니다(admin_policy_enforced). 관리자만 허용할 수 있습니다.
diag-oauth_admin_policy-step-1 = Google Workspace 관리자에게 이 OAuth 클라이언트를 '신뢰할 수 있음'으로 설정해 달라고 요청하세요(관리 콘솔 › 보안 › API 제어 › 앱 액세스 제어).
diag-oauth_admin_policy-step-2 = 또는 관리자가 허용한다면 앱 비밀번호를 사용하세요.

diag-oauth_policy_enforced-title = 고급 보호 프로그램이 이 앱을 차단하고 있습니다
diag-oauth_policy_enforced-explanation = 이 계정은 Google 고급 보호 프로그램에 등록되어 있어서 확인된 일부 앱만 Gmail에 액세스할 수 있습니다(policy_enforced). 앱 비밀번호도 사용할 수 없습니다.
diag-oauth_policy_enforced-step-1 = Google에서 확인한 메일 클라이언트를 사용하거나, 앱에서 보낼 때는 고급 보호 프로그램에 등록되지 않은 계정을 사용하세요.

diag-oauth_redirect_mismatch-title = OAuth 클라이언트가 이 로그인의 리디렉션을 허용하지 않습니다
diag-oauth_redirect_mismatch-explanation = 리디렉션 주소가 이 클라이언트에 허용되지 않아 Google이 로그인을 거부했습니다(redirect_uri_mismatch). smtp-setup은 임의의 포트로 http://127.0.0.1에 리디렉션하며, 이를 허용하는 것은 애플리케이션 유형이 '데스크톱 앱'인 클라이언트뿐입니다.
diag-oauth_redirect_mismatch-step-1 = Google Cloud에서 애플리케이션 유형이 '데스크톱 앱'인 OAuth 클라이언트 ID를 만드세요.
diag-oauth_redirect_mismatch-step-2 = JSON 파일을 다운로드하거나 클라이언트 ID와 클라이언트 보안 비밀번호를 복사해 smtp-setup에서 사용하세요.

diag-oauth_wrong_scope-title = 이 로그인으로는 SMTP로 메일을 보낼 수 없습니다
diag-oauth_wrong_scope-explanation = 허용된 액세스가 https://mail.google.com/ 범위가 아닙니다. Gmail의 SMTP 서버는 이 범위만 받아들입니다(gmail.send로는 부족합니다).
diag-oauth_wrong_scope-step-1 = Google 계정으로 다시 로그인하고 OAuth 동의 화면에서 Gmail 전체 액세스를 허용하세요.
diag-oauth_wrong_scope-step-2 = OAuth 앱의 동의 화면에 범위 목록이 있다면 https://mail.google.com/ 범위를 추가하세요.

diag-oauth_no_redirect-title = 브라우저가 Google 로그인에서 돌아오지 않았습니다
diag-oauth_no_redirect-explanation = smtp-setup은 Google이 브라우저를 이 컴퓨터의 127.0.0.1로 돌려보내기를 기다렸지만, 허용된 시간 안에 돌아오지 않았습니다. 대개 포트를 전달하지 않은 채 다른 컴퓨터의 브라우저에서 로그인했거나, 탭을 닫았거나, Google이 되돌려 보내지 않는 페이지를 표시한 경우입니다. 조직에서 허용하지 않는 앱(admin_policy_enforced)이나 고급 보호 프로그램에 등록된 계정(policy_enforced)에는 '액세스 차단됨' 페이지가 표시됩니다.
diag-oauth_no_redirect-step-1 = 로그인을 다시 시작하고 이 컴퓨터의 브라우저에서 끝까지 진행하세요.
diag-oauth_no_redirect-step-2 = 브라우저가 다른 컴퓨터에서 실행된다면 먼저 리디렉션 포트를 전달한 다음(ssh -L PORT:127.0.0.1:PORT this-computer) 그곳에서 주소를 여세요.
diag-oauth_no_redirect-step-3 = Google에 '액세스 차단됨' 또는 '이 앱은 차단되었습니다'가 표시되었다면 그 페이지의 텍스트를 복사하세요. 오류 코드가 이유를 알려 줍니다.

diag-connection_refused-title = 메일 서버 연결이 거부되었습니다
diag-connection_refused-explanation = 해당 주소와 포트에서 연결을 받아 준 곳이 없거나 방화벽이 연결을 거부했습니다. 대개 호스트나 포트가 잘못되었거나(Gmail은 smtp.gmail.com의 포트 587 또는 465를 사용합니다), 방화벽, 백신 또는 네트워크 정책이 나가는 메일 포트를 차단합니다.
diag-connection_refused-step-1 = 호스트가 smtp.gmail.com이고 포트가 587(STARTTLS) 또는 465(SSL/TLS)인지 확인하세요.
diag-connection_refused-step-2 = 이 컴퓨터의 방화벽이나 백신이 587과 465 포트로 나가는 연결을 허용하는지 확인하세요.
diag-connection_refused-step-3 = 회사 네트워크나 호스팅 네트워크라면 관리자에게 나가는 메일 포트가 차단되어 있는지 문의하세요.
diag-connection_refused-recheck = 두 포트를 모두 확인하려면

diag-connection_timeout-title = 메일 서버 연결 시간이 초과되었습니다
diag-connection_timeout-explanation = 제시간에 응답이 오지 않았습니다. 대개 방화벽이 연결을 조용히 버립니다. 많은 클라우드 호스트(DigitalOcean, Google Compute Engine 등)와 일부 인터넷 제공업체는 나가는 포트 25, 465, 587을 차단합니다.
diag-connection_timeout-step-1 = 다른 포트를 사용해 보세요: 587(STARTTLS) 또는 465(SSL/TLS).
diag-connection_timeout-step-2 = 클라우드 서버라면 제공업체가 나가는 메일 포트를 차단하는지 확인하고, 차단 해제를 요청하거나 제공업체의 메일 릴레이를 사용하세요.
diag-connection_timeout-step-3 = 로컬 방화벽이나 VPN이 연결을 막고 있지 않은지 확인하세요.
diag-connection_timeout-recheck = 두 포트에서 어디까지 진행되는지 보려면

diag-connection_reset-title = 메일 서버 연결이 끊어졌습니다
diag-connection_reset-explanation = 연결이 재설정되었습니다. 서버나 중간의 무언가(방화벽, 이메일을 검사하는 백신, 프록시)가 연결을 갑자기 닫았습니다. Gmail에서는 대개 중간의 무언가 때문이거나, 앱이 포트 465에서 인사말을 기다리는 경우입니다. Gmail은 포트 465에서 첫 바이트부터 TLS를 기대하므로 연결을 끊습니다.
diag-connection_reset-step-1 = 백신의 이메일 검사, 방화벽 또는 프록시가 587과 465 포트를 방해하지 않는지 확인하세요.
diag-connection_reset-step-2 = 포트 465에서는 처음부터 SSL/TLS(암시적 TLS)를, 포트 587에서는 STARTTLS를 사용하세요.
diag-connection_reset-recheck = 어느 단계에서 연결이 끊기는지 보려면

diag-dns_failure-title = 메일 서버 이름을 찾을 수 없습니다
diag-dns_failure-explanation = 이 컴퓨터가 서버 이름을 조회(DNS)하지 못했습니다. 이름의 철자가 틀렸거나(smtp.gmail.com이어야 합니다), 컴퓨터의 인터넷 연결이나 DNS 서버가 작동하지 않습니다.
diag-dns_failure-step-1 = 호스트가 공백 없이 smtp.gmail.com으로 입력되었는지 확인하세요.
diag-dns_failure-step-2 = 웹사이트를 열어 보는 등의 방법으로 컴퓨터가 온라인인지 확인하세요.
diag-dns_failure-step-3 = 컨테이너, VPN 또는 회사 네트워크라면 그 DNS 설정을 확인하세요.
diag-dns_failure-recheck = 다시 시도하려면

diag-network_unreachable-title = 메일 서버로 가는 네트워크 경로가 없습니다
diag-network_unreachable-explanation = 이 컴퓨터에서 서버 주소로 가는 경로가 없습니다. IPv6가 제대로 작동하지 않는 경우가 많습니다. smtp.gmail.com에는 IPv6 주소와 IPv4 주소가 있어서, IPv6를 먼저 시도하는 앱은 IPv4라면 성공했을 곳에서 실패합니다. 그렇지 않다면 컴퓨터가 오프라인이거나 VPN 또는 방화벽이 길을 막고 있습니다.
diag-network_unreachable-step-1 = 컴퓨터가 온라인인지 확인하세요.
diag-network_unreachable-step-2 = 실패한 주소에 콜론이 있다면(IPv6) 앱이 IPv4를 사용하게 하거나, 이 네트워크의 IPv6를 고치거나 끄세요.
diag-network_unreachable-step-3 = VPN이나 프록시를 끄고 다시 시도하세요.
diag-network_unreachable-recheck = 어느 주소에서 실패하는지 보려면

diag-tls_untrusted_certificate-title = 메일 서버의 인증서를 신뢰할 수 없습니다
diag-tls_untrusted_certificate-explanation = 암호화된 연결에서 이 컴퓨터가 신뢰하지 않는 인증서가 제시되었습니다. smtp.gmail.com의 실제 인증서는 Google이 서명하므로, 중간에서 무언가가 연결을 가로채고 있을 가능성이 큽니다. 이메일을 검사하는 백신 소프트웨어나 회사 프록시가 그런 예입니다.
diag-tls_untrusted_certificate-step-1 = 백신에서 이메일 검사(SSL/TLS 또는 HTTPS 검사)를 끈 다음 다시 시도하세요.
diag-tls_untrusted_certificate-step-2 = 회사 네트워크라면 IT 담당자에게 프록시가 TLS를 가로채는지 문의하고, 그렇다면 그 인증서를 설치하세요.
diag-tls_untrusted_certificate-step-3 = 컴퓨터의 날짜와 시간을 확인하고 루트 인증서를 업데이트하세요.
diag-tls_untrusted_certificate-step-4 = 앱에서 인증서 확인을 끄지 마세요. 비밀번호가 노출될 수 있습니다.

diag-tls_wrong_mode-title = 앱과 포트의 암호화 방식이 맞지 않습니다
diag-tls_wrong_mode-explanation = Gmail의 포트 587은 암호화 없이 시작해 STARTTLS로 암호화를 켜고, 포트 465는 첫 바이트부터 암호화됩니다(암시적 TLS). 앱이 포트와 맞지 않는 방식을 사용해 암호화 핸드셰이크가 실패했습니다("wrong version number" 같은 오류).
diag-tls_wrong_mode-step-1 = 포트 587에는 STARTTLS를 사용하세요: Python SMTP()와 starttls(), Nodemailer secure: false, PHPMailer ENCRYPTION_STARTTLS, Java mail.smtp.starttls.enable=true.
diag-tls_wrong_mode-step-2 = 포트 465에는 처음부터 SSL/TLS를 사용하세요: Python SMTP_SSL(), Nodemailer secure: true, PHPMailer ENCRYPTION_SMTPS, Java mail.smtp.ssl.enable=true.
diag-tls_wrong_mode-recheck = 이 컴퓨터에서 어떤 조합이 되는지 보려면

diag-keychain_unavailable-title = 시스템 키체인을 읽을 수 없습니다
diag-keychain_unavailable-explanation = smtp-setup은 각 계정의 비밀 정보를 시스템 키체인에만 보관하는데, 키체인이 이를 내주지 않았습니다. 키체인 서비스가 실행 중이 아니거나, 잠겨 있거나, 액세스가 거부되었습니다. Google 계정에는 아무 문제가 없습니다.
diag-keychain_unavailable-step-1 = 키체인 잠금을 해제한 다음(데스크톱 세션에 로그인하거나 '비밀번호 및 키'를 여세요) 다시 시도하세요.
diag-keychain_unavailable-step-2 = 데스크톱이 없는 서버에서는 먼저 Secret Service를 시작하세요: `dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; ...'`.
diag-keychain_unavailable-recheck = 키체인 잠금을 해제한 후

diag-secret_missing-title = 키체인에 이 계정의 비밀 정보가 없습니다
diag-secret_missing-explanation = 계정은 smtp-setup 목록에 있지만 시스템 키체인에 그 계정의 비밀번호나 로그인 정보가 없습니다. 키체인에서 삭제되었거나, 키체인이 초기화되거나 교체되었습니다.
diag-secret_missing-step-1 = 비밀 정보를 다시 저장하세요. 앱 비밀번호를 교체하거나 Google 계정으로 다시 로그인하면 됩니다.
diag-secret_missing-step-2 = 또는 계정을 삭제하고 처음부터 다시 설정하세요.

diag-internal_error-title = smtp-setup에 내부 오류가 발생했습니다
diag-internal_error-explanation = smtp-setup의 버그이며, 계정이나 Gmail, 네트워크의 문제가 아닙니다. 실패한 단계는 아무것도 저장하거나 변경하지 않았습니다.
diag-internal_error-recheck = 다시 시도하려면
diag-internal_error-step-1 = 다시 발생하면 버전(`smtp-setup --version`)과 수행한 작업을 smtp-setup 개발자에게 알려 주세요. -v 기록이 도움이 되며, 이 기록에는 비밀번호가 표시되지 않습니다.

diag-unknown-title = 문제를 파악할 수 없습니다
diag-unknown-explanation = smtp-setup이 이 오류를 알아보지 못했으며, 추측하지 않습니다. 대개 Gmail 자체의 응답(535나 534 같은 코드로 시작하는 줄)이 무엇이 잘못되었는지 알려 주지만, 많은 앱이 디버그 출력을 켜지 않으면 이를 숨깁니다.
diag-unknown-recheck = 어느 단계(DNS, 연결, TLS, 로그인, 전송)에서 실패하는지 보려면
diag-unknown-step-1 = 앱의 디버그 출력을 켜고(Python set_debuglevel(1), PHPMailer SMTPDebug = 2, Nodemailer debug: true) 서버 응답을 복사하세요.
diag-unknown-step-2 = 설정을 확인하세요: 호스트 smtp.gmail.com, 포트 587(STARTTLS) 또는 465(SSL/TLS), 사용자 이름 { $address }, 그리고 앱 비밀번호.

## 원인을 더 정확히 읽은 경우: 설명과 단계가 따로 있습니다.

diag-nuance-certificate_expired-explanation = 서버 인증서가 만료되었거나 아직 유효하지 않은 것으로 보였습니다. Gmail은 인증서가 만료되기 훨씬 전에 갱신하므로, 이 컴퓨터의 날짜와 시간이 틀렸거나 연결을 가로채는 무언가(백신, 회사 프록시)가 오래된 인증서를 제시하고 있을 가능성이 큽니다.
diag-nuance-certificate_expired-step-1 = 이 컴퓨터의 날짜, 시간, 시간대를 올바르게 설정하세요(자동 시간 설정을 켜세요).
diag-nuance-certificate_expired-step-2 = 백신에서 이메일 검사(SSL/TLS 또는 HTTPS 검사)를 끄세요.
diag-nuance-certificate_expired-step-3 = 컴퓨터의 루트 인증서를 업데이트하세요(시스템 업데이트).
diag-nuance-certificate_expired-step-4 = 앱에서 인증서 확인을 끄지 마세요. 비밀번호가 노출될 수 있습니다.

diag-nuance-certificate_wrong_host-explanation = 인증서가 앱이 연결한 서버와 다른 이름으로 발급되었습니다. 앱이 smtp.gmail.com 대신 다른 이름이나 IP 주소로 연결하고 있거나, 백신 소프트웨어나 회사 프록시가 연결을 가로채고 있습니다.
diag-nuance-certificate_wrong_host-step-1 = 호스트를 IP 주소나 다른 별칭이 아닌 정확히 smtp.gmail.com으로 설정하세요.
diag-nuance-certificate_wrong_host-step-2 = 백신에서 이메일 검사(SSL/TLS 또는 HTTPS 검사)를 끄세요.
diag-nuance-certificate_wrong_host-step-3 = 회사 네트워크라면 IT 담당자에게 프록시가 TLS를 가로채는지 문의하세요.
diag-nuance-certificate_wrong_host-step-4 = 앱에서 인증서 확인을 끄지 마세요. 비밀번호가 노출될 수 있습니다.

diag-nuance-stalled_after_connect-explanation = 연결은 열렸지만 그 뒤로 서버가 응답하지 않았습니다. 방화벽이나 프록시가 트래픽을 붙잡고 있거나, 앱과 포트의 암호화 방식이 맞지 않습니다. 포트 465에서는 앱이 곧바로 TLS를 시작해야 하며(암시적 TLS), 그곳에서 인사말을 기다리면 멈춰 버립니다.
diag-nuance-stalled_after_connect-step-1 = 포트 465에서는 처음부터 SSL/TLS를 켜세요(Nodemailer secure: true, Python SMTP_SSL). .NET의 SmtpClient는 이를 지원하지 않으므로 587을 사용하세요.
diag-nuance-stalled_after_connect-step-2 = 포트 587에서는 앱이 인사말을 읽은 다음 STARTTLS를 보내게 하세요(Nodemailer secure: false, Python SMTP()와 starttls()).
diag-nuance-stalled_after_connect-step-3 = 방화벽, 프록시 또는 백신이 연결을 붙잡고 있지 않은지 확인하세요.
diag-nuance-stalled_after_connect-recheck = 두 포트에서 어디까지 진행되는지 보려면

diag-nuance-ehlo_name-explanation = Gmail이 앱의 인사말(EHLO, 응답 421 4.7.0) 후에 연결을 닫았습니다. 앱이 실제 호스트 이름 대신 localhost나 IP 주소로 자신을 소개하면 이렇게 됩니다.
diag-nuance-ehlo_name-step-1 = 앱이 EHLO에 보내는 이름을 실제 호스트 이름으로 설정하세요(Python local_hostname, PHPMailer Hostname, Nodemailer name).
diag-nuance-ehlo_name-step-2 = 몇 분 기다린 다음 다시 시도하세요.
diag-nuance-ehlo_name-recheck = Gmail이 연결을 받아들이는지 확인하려면

diag-nuance-sign_in_other-explanation = Google 로그인이 완료되지 않았습니다. 이유는 위의 메시지에 나와 있습니다. Gmail SMTP 서버가 아니라 로그인에 관한 문제입니다.
diag-nuance-sign_in_other-step-1 = 메시지의 안내를 따른 다음 로그인을 다시 시작하세요.
diag-nuance-sign_in_other-step-2 = OAuth 클라이언트를 확인하세요. Google Cloud 프로젝트에서 만든 '데스크톱 앱' 유형의 클라이언트여야 합니다.
