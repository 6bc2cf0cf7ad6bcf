# The engine's own texts in Korean (src/when.rs, src/smtp, the engine's errors, src/relay,
# src/export); ids and sections as in locales/en/engine.ftl.

## Relative times (src/when.rs)

when-just-now = 방금 전
when-minutes-ago = { $count }분 전
when-hours-ago = { $count }시간 전
when-yesterday = 어제
when-days-ago = { $count }일 전
when-took-ms = { $ms }ms
when-took-seconds = { $secs }초
when-ended = 종료됨
when-less-than-an-hour = 1시간 미만
when-about-hours = 약 { $count }시간
when-about-days = 약 { $count }일

## The staged check (src/smtp): stage names, what each stage found, why it failed

stage-resolve = DNS
stage-connect = 연결
stage-greeting = 인사말
stage-ehlo = EHLO
stage-tls = TLS
stage-auth = AUTH
stage-send = 전송
tls-mode-starttls = STARTTLS
tls-mode-implicit = 암시적 TLS
check-failed = { $stage } 단계 실패: { $detail }
smtp-deadline-reached = 이 단계를 진행하는 동안 전체 확인 시간 제한({ $secs }초, --deadline)에 도달했습니다.
smtp-timeout-resolve = DNS 조회가 { $secs }초 안에 끝나지 않았습니다.
smtp-timeout-connect-port = { $secs }초 안에 연결되지 않았습니다. 무언가가 포트 { $port }(으)로 가는 트래픽을 막고 있습니다(클라우드 호스트와 일부 네트워크는 메일 발송 포트를 차단합니다).
smtp-timeout-connect = { $secs }초 안에 연결되지 않았습니다. 무언가가 이 포트로 가는 트래픽을 막고 있습니다(클라우드 호스트와 일부 네트워크는 메일 발송 포트를 차단합니다).
smtp-timeout-greeting = 서버가 연결은 받았지만 { $secs }초 안에 인사말(220)을 보내지 않았습니다.
smtp-timeout-ehlo = 서버가 { $secs }초 안에 EHLO에 응답하지 않았습니다.
smtp-timeout-tls = TLS 핸드셰이크가 { $secs }초 안에 완료되지 않았습니다.
smtp-timeout-auth = 서버가 { $secs }초 안에 로그인에 응답하지 않았습니다.
smtp-timeout-send = 서버가 { $secs }초 안에 메시지를 받지 않았습니다.
smtp-connected-to = { $address }에 연결됨
smtp-connect-also-failed = ; { $address } 실패: { $detail }
smtp-server-offers = 서버 제공 기능: { $capabilities }
smtp-no-starttls = 서버가 STARTTLS를 제공하지 않습니다. 비밀번호를 암호화하지 않고 보낼 수는 없으므로 중단합니다.
smtp-no-addresses = 연결할 주소가 없습니다.
smtp-also-tried = { $detail } (함께 시도한 주소: { $others })
smtp-wrong-mode-implicit = 포트 { $port }은(는) 암시적 TLS(첫 바이트부터 TLS)를 사용하므로 STARTTLS 클라이언트에게 인사말을 보내지 않습니다. 이 포트에서는 암시적 TLS를 사용하거나, 포트 587에서 STARTTLS를 사용하세요.
smtp-server-answered = 서버 응답: { $reply }
smtp-closed-without-reply = 서버가 응답 없이 연결을 닫았습니다.
smtp-overlong-line = 서버가 너무 긴 줄을 보냈습니다.
smtp-overlong-reply = 서버가 너무 긴 응답을 보냈습니다.
smtp-not-smtp = 서버가 SMTP가 아닌 것을 보냈습니다: { $first }
smtp-data-before-tls = 서버가 TLS 핸드셰이크 전에 데이터를 보냈으므로 계속하지 않습니다.
smtp-already-encrypted = 연결이 이미 암호화되어 있습니다.
smtp-bad-server-name = "{ $host }"은(는) 올바른 TLS 서버 이름이 아닙니다.
smtp-connection-refused = 연결이 거부되었습니다. 이 포트에서 연결을 받는 프로그램이 없거나 방화벽이 연결을 거부합니다.
smtp-connection-closed = 서버가 연결을 닫았습니다.
smtp-connection-timed-out = 연결 시간이 초과되었습니다.
smtp-unreachable = 이 컴퓨터에서 네트워크나 호스트에 연결할 수 없습니다.
smtp-connection-error = 연결 오류: { $error }
smtp-certificate-untrusted = 서버 인증서가 이 컴퓨터가 신뢰하는 인증 기관의 서명을 받지 않았습니다({ $error }).
smtp-certificate-expired = 서버 인증서가 만료되었거나 아직 유효하지 않습니다({ $error }). 이 컴퓨터의 시계를 확인하세요.
smtp-certificate-wrong-host = 서버 인증서가 다른 호스트 이름으로 발급되었습니다({ $error }).
smtp-certificate-rejected = 서버 인증서가 거부되었습니다({ $error }).
smtp-plain-text-not-tls = 서버가 TLS가 아닌 일반 텍스트로 응답했습니다. 이 포트는 암시적 TLS가 아니라 STARTTLS(보통 포트 587)를 사용합니다.
smtp-handshake-failed = TLS 핸드셰이크에 실패했습니다: { $error }.
smtp-resolved-connect-to = { $host } = { $addresses } (--connect-to)
smtp-cannot-resolve = { $host } 이름을 확인할 수 없습니다: { $error }.
smtp-no-addresses-for = { $host }에 해당하는 주소가 없습니다.
smtp-resolved = { $host } = { $addresses }
smtp-signed-in-as = { $user }(으)로 로그인함
smtp-cannot-build-message = 테스트 메시지를 만들 수 없습니다: { $error }
smtp-message-accepted = 메시지 { $id } 접수됨(받는 사람: { $to })
smtp-internal-error = 확인하는 중 smtp-setup { $version }에 내부 오류가 발생했습니다.
smtp-token-rejected = Gmail이 OAuth 액세스 토큰을 거부했습니다: { $challenge }
smtp-offers-none = 없음
smtp-auth-not-offered = 서버가 이 연결에서 AUTH { $wanted }을(를) 제공하지 않습니다(제공하는 방식: { $offered }).
smtp-command-has-line-break = 명령 줄에는 CR이나 LF가 들어갈 수 없습니다.
smtp-no-answer-within = 서버가 { $secs }초 안에 응답하지 않았습니다.
smtp-bad-server = "{ $server }"은(는) HOST 또는 HOST:PORT 형식이 아닙니다(예: smtp.gmail.com:587).

## Addresses and app passwords as typed or pasted (src/address.rs, src/app_password.rs)

address-empty = 이메일 주소를 입력하세요(예: you@gmail.com).
address-control-characters = 주소에는 줄바꿈이나 제어 문자를 넣을 수 없습니다(메일 헤더를 몰래 추가하는 데 쓰일 수 있습니다).
address-spaces = 주소에는 공백을 넣을 수 없습니다.
address-at-sign = 주소에는 you@gmail.com처럼 @가 정확히 하나 있어야 합니다.
address-empty-local-part = @ 앞부분이 없습니다.
address-domain = "{ $domain }"은(는) 올바른 도메인이 아닙니다. gmail.com이나 example.org 같은 형태여야 합니다.
address-invalid = "{ $address }"은(는) 올바른 이메일 주소가 아닙니다.
header-control-characters = { $field ->
    [subject] 제목
   *[other] { $field }
}에는 줄바꿈이나 제어 문자를 넣을 수 없습니다(메일 헤더를 몰래 추가하는 데 쓰일 수 있습니다).
app-password-empty = Google에서 표시한 16자리 앱 비밀번호를 붙여넣으세요.
app-password-wrong-length = 앱 비밀번호는 16자인데 { $found }자가 입력되었습니다. Google 앱 비밀번호 페이지에서 4자씩 4묶음을 모두 복사하세요.
app-password-invalid-characters = 앱 비밀번호는 영문 소문자 a~z로만 이루어져 있는데, { $found }가 들어 있습니다. 오타가 없는지 확인하거나 Google 앱 비밀번호 페이지에서 비밀번호를 다시 복사하세요.
app-password-account-password = 앱 비밀번호가 아니라 Google 계정 비밀번호로 보입니다. Gmail은 더 이상 앱에서 계정 비밀번호를 받지 않습니다. 앱 비밀번호 페이지에서 앱 비밀번호(16자)를 만들어 대신 붙여넣으세요.
app-password-symbols = 기호 또는 악센트 문자 { $count }개
app-password-digits = 숫자 { $count }개
app-password-digits-and-symbols = 숫자 { $digits }개와 기호 { $symbols }개

## The system keychain (src/keychain.rs)

keychain-none = 사용할 수 있는 키체인이 없습니다. smtp-setup은 비밀번호를 시스템 키체인에만 보관하는데, 응답한 키체인이 없습니다{ $hint }. Linux에서는 Secret Service(GNOME Keyring 또는 KWallet)를 설치하고 실행하세요. 데스크톱 세션에 로그인하거나, 서버에서는 `dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; ...'`을(를) 실행하세요. 대신 비밀번호를 일반 파일에 저장하는 일은 절대 없습니다. ({ $detail })
keychain-hint-no-session-bus = {" "}(D-Bus 세션 버스가 없습니다: DBUS_SESSION_BUS_ADDRESS가 설정되지 않음)
keychain-hint-on-session-bus = {" "}(D-Bus 세션 버스)
keychain-locked = 키체인이 잠겨 있습니다(또는 키체인 접근이 거부되었습니다). 데스크톱 세션에 로그인하거나, "암호와 키(Passwords and Keys)"를 열거나, `gnome-keyring-daemon --unlock`을 실행해 잠금을 해제한 다음 다시 시도하세요. 대신 비밀번호를 일반 파일에 저장하는 일은 절대 없습니다. ({ $detail })
keychain-missing = 키체인에 { $user }의 비밀번호가 저장되어 있지 않습니다.
keychain-timed-out = 키체인이 { $secs }초 안에 응답하지 않았습니다. 잠금 해제 창을 기다리고 있을 수 있습니다. 잠금을 해제하고 다시 시도하세요.
keychain-failed = 키체인 오류: { $detail }
keychain-no-answer = 키체인 호출이 응답 없이 끝났습니다
keychain-no-default-store = 기본 자격 증명 저장소가 없습니다

## Sign in with Google (src/oauth)

oauth-client-unusable = OAuth 클라이언트를 사용할 수 없습니다: { $detail }
oauth-listener = 127.0.0.1에서 Google의 리디렉션을 기다릴 수 없습니다: { $detail }
oauth-timeout = { $secs }초 안에 브라우저에서 응답이 없어 로그인이 완료되지 않았습니다.
oauth-access-denied = 로그인이 거부되었거나 이 Google 계정이 OAuth 앱의 테스트 사용자가 아닙니다(게시 상태가 '테스트'인 동안에는 등록된 테스트 사용자만 로그인할 수 있습니다).
oauth-state-mismatch = 브라우저가 이 로그인을 시작할 때와 다른 state 값으로 돌아와서 응답을 거부했습니다(오래된 로그인 탭이거나 다른 사람의 링크입니다). 로그인을 다시 시작하세요.
oauth-missing-code = Google의 리디렉션에 승인 코드가 없습니다. 로그인을 다시 시작하세요.
oauth-google-answered = Google 응답: { $code }
oauth-google-answered-described = Google 응답: { $code }: { $description }
oauth-wrong-scope = 로그인으로 { $granted } 권한을 받았지만 SMTP에는 { $scope } 권한이 필요합니다(gmail.send로는 부족합니다).
oauth-insecure = { $what } { $url }({ $setting }에서 가져옴)이(가) https://가 아니어서 갱신 토큰과 클라이언트 보안 비밀번호가 암호화되지 않은 채 네트워크를 지나게 되므로 아무것도 보내지 않았습니다. Google의 https:// 주소를 사용하세요(일반 http://는 127.0.0.1, ::1, localhost에만 허용됩니다).
oauth-no-refresh-token = Google이 갱신 토큰을 보내지 않아 로그인을 유지할 수 없습니다. https://myaccount.google.com/connections 에서 앱의 액세스 권한을 삭제한 다음 다시 로그인하세요.
oauth-network = Google 로그인 서비스에 연결할 수 없습니다: { $detail }
oauth-client-id-bad = 클라이언트 ID가 비어 있거나 공백이 들어 있습니다. Google Cloud의 클라이언트 페이지에서 복사하세요
oauth-not-a-client-file = 이 파일은 Google OAuth 클라이언트 파일이 아닙니다({ $error })
oauth-web-client = '웹 애플리케이션' 클라이언트입니다. 127.0.0.1로 리디렉션할 수 있는 '데스크톱 앱' 클라이언트를 새로 만드세요
oauth-no-installed-section = 파일에 "installed" 클라이언트 섹션이 없습니다
oauth-cannot-read = { $path }을(를) 읽을 수 없습니다: { $error }
oauth-file-auth-uri = 클라이언트 파일의 auth_uri
oauth-file-token-uri = 클라이언트 파일의 token_uri
oauth-authorization-endpoint = 승인 엔드포인트
oauth-token-endpoint = 토큰 엔드포인트
oauth-redirect-uri = 리디렉션 URI
oauth-not-a-url-quoted = { $what } { $url }은(는) URL이 아닙니다({ $error })
oauth-not-a-url = { $what }이(가) URL이 아닙니다({ $error })
oauth-not-a-saved-sign-in = 키체인 항목이 저장된 Google 로그인이 아닙니다
oauth-saved-sign-in = 저장된 로그인
oauth-unexpected-token-answer = 토큰 엔드포인트가 예상하지 못한 응답을 보냈습니다: { $body }
oauth-page-not-found = 찾을 수 없습니다.
oauth-page-wrong-state = 이 주소는 smtp-setup이 기다리는 로그인의 주소가 아닙니다. smtp-setup에서 로그인을 시작하거나 가장 최근의 로그인 탭을 사용하세요.
oauth-page-signed-in = 로그인했습니다. 이 탭을 닫고 smtp-setup으로 돌아가세요.
oauth-page-failed = 로그인하지 못했습니다: { $error } 해결 방법은 smtp-setup으로 돌아가서 확인하세요.

## Settings, TLS trust and the account list (src/settings.rs, src/tls.rs, src/accounts)

settings-bad-server = { $setting }: "{ $value }"은(는) HOST 또는 HOST:PORT 형식이 아닙니다(예: smtp.gmail.com:587).
settings-bad-seconds = { $setting } 값은 0에서 { $max } 사이의 초 단위 숫자여야 합니다. 입력한 값: { $value }
settings-bad-connect-to = { $setting }: "{ $value }"은(는) HOST:PORT:IP:PORT 형식이 아닙니다(예: smtp.gmail.com:587:127.0.0.1:2525).
tls-ca-unreadable = CA 파일 { $path }을(를) 읽을 수 없습니다: { $reason }
tls-ca-empty = CA 파일 { $path }에 PEM 인증서("-----BEGIN CERTIFICATE-----")가 없습니다.
auth-method-app-password = 앱 비밀번호
auth-method-oauth = Google 계정으로 로그인
index-corrupt = 계정 목록 { $path }을(를) 읽을 수 없습니다: { $detail }. 파일은 그대로 두었습니다. 파일을 고치거나 다른 곳으로 옮긴 다음 다시 시도하세요.
index-io = { $path }을(를) { $action ->
    [read] 읽을
    [lock] 잠글
    [create] 만들
   *[other] 쓸
} 수 없습니다: { $error }
index-no-config-dir = 이 사용자의 설정 디렉터리를 찾을 수 없습니다. { $variable }을(를) 설정하세요.
index-not-utf8 = UTF-8 텍스트가 아닙니다
index-newer-format = 더 새로운 버전의 smtp-setup이 작성한 파일입니다(형식 { $version })
account-not-found = 저장된 계정 중에 { $address }이(가) 없습니다. 저장된 계정은 `smtp-setup accounts list`로 볼 수 있습니다.
account-none-stored = 아직 저장된 계정이 없습니다. `smtp-setup store --user ADDR --password-stdin`으로 계정을 추가하세요.
account-no-default = 계정이 여러 개 저장되어 있는데 기본 계정이 없습니다. --account로 계정을 지정하거나 `smtp-setup accounts set-default ADDR`로 기본 계정을 선택하세요.
account-not-verified = 비밀번호를 저장하지 않았습니다: { $detail }
account-revoke-app-password = 앱 비밀번호는 Google에서 취소할 때까지 계속 작동합니다: { $url }
account-revoke-oauth = 앱은 Google에서 액세스 권한을 삭제할 때까지 계정에 계속 액세스할 수 있습니다: { $url }
account-keychain-entry-remains = 키체인 항목(삭제되지 않음: { $error })
account-list-entry-kept = 목록의 계정(다시 시도할 수 있도록 남겨 둠)
account-list-entry-remains = 목록의 계정(삭제되지 않음: { $error })

## The local relay (src/relay): what it reports to a person. Its SMTP replies to apps stay
## English in the code: programs read them.

relay-listening-login = 릴레이가 { $address }에서 대기 중, 계정: { $accounts }(앱은 릴레이 비밀번호로 로그인)
relay-listening-open = 릴레이가 { $address }에서 대기 중, 계정: { $accounts }(로그인 없음: 이 컴퓨터의 모든 프로그램이 보낼 수 있음)
relay-relayed = { $account }(으)로 전달함: 수신자 { $recipients }명, { $bytes }바이트, { $ms }ms — Gmail: { $reply }
relay-refused = { $stage } 단계에서 { $by ->
    [gmail] Gmail이
   *[relay] 릴레이가
} 거부함: { $reply }
relay-refused-for = { $account }의 { $stage } 단계에서 { $by ->
    [gmail] Gmail이
   *[relay] 릴레이가
} 거부함: { $reply }
relay-upstream-connected = { $account }(으)로 { $route }에 연결됨
relay-upstream-reconnected = { $account }(으)로 { $route }에 다시 연결됨
relay-upstream-lost = { $account }의 Gmail 연결이 끊어짐: { $detail }
relay-idle-closed = Gmail이 유휴 연결을 닫았습니다.
relay-token-refreshed = { $account }의 새 액세스 토큰 받음
relay-token-refreshed-valid = { $account }의 새 액세스 토큰 받음({ $minutes }분 동안 유효)
relay-sign-in-expiring = { $account }의 Google 로그인은 약 { $hours }시간 후에 작동을 멈춥니다(OAuth 클라이언트의 게시 상태가 '테스트'임). 다시 로그인하거나 클라이언트를 게시하세요
relay-stopped = 릴레이 중지됨
relay-not-loopback = 릴레이는 이 컴퓨터의 루프백(127.0.0.1 또는 ::1)에서만 대기하므로 다른 컴퓨터는 릴레이를 통해 내 계정으로 메일을 보낼 수 없습니다. { $address }은(는) 루프백 주소가 아닙니다. 이 컴퓨터의 컨테이너나 VM에 있는 앱은 포트 포워딩으로 연결할 수 있습니다.
relay-bad-listen = "{ $value }"은(는) 대기할 주소와 포트가 아닙니다(예: 127.0.0.1:2525).
relay-cannot-bind = { $address }에서 대기할 수 없습니다: { $error }. 다른 프로그램(또는 다른 릴레이)이 이 포트를 사용하고 있을 수 있습니다. --listen 127.0.0.1:PORT로 다른 포트를 선택하세요.
relay-no-accounts = 릴레이할 계정이 없습니다.
relay-no-random-bytes = 운영 체제가 난수 바이트를 제공하지 않았습니다

## Notes shown beside an exported snippet (src/export); the snippets themselves stay as
## they are, in the code

export-unknown-format = 알 수 없는 형식 "{ $format }"입니다. `smtp-setup export --format list`로 사용할 수 있는 형식을 볼 수 있습니다.
export-mode-not-supported = { $target }은(는) 보안 비밀을 { $mode } 받을 수 없습니다. 가능한 방식: { $supported }.
export-needs-app-password = { $target }에는 앱 비밀번호가 필요합니다. 이 계정은 Google 계정으로 로그인(XOAUTH2)하는데, { $target }은(는) 이 방식을 지원하지 않습니다. 이 계정에 앱 비밀번호를 추가하거나(smtp-setup store), XOAUTH2를 지원하는 형식을 사용하세요: { $supported }.
export-secret-needed = 텍스트에 직접 쓰려면 보안 비밀이 필요합니다.
export-mode-reference = 참조 방식으로(실행할 때 smtp-setup에 요청)
export-mode-environment = 환경 변수로
export-mode-inline = 텍스트에 직접
export-secret-app-password = 앱 비밀번호
export-secret-access-token = 액세스 토큰
export-inline-warning = 이 텍스트에는 { $secret }이(가) 일반 텍스트로 들어 있습니다. { $file }을(를) 읽을 수 있는 사람은 누구나 { $address }(으)로 메일을 보낼 수 있습니다. 이 파일은 다른 사람이 읽지 못하게 하고(chmod 600) 버전 관리에 넣지 마세요.
export-note-reference = { $secret }은(는) 시스템 키체인에 보관되며, { $target }이(가) 실행할 때 읽습니다(`{ $command }`).
export-note-environment = `smtp-setup run --account { $user } --format { $format } -- <command>`로 앱을 시작하세요. 키체인에서 { $secret }을(를) 읽어 그 프로세스에만 { $variable }(으)로 전달하며, 어디에도 기록하지 않습니다.
export-note-inline = 요청한 대로 { $secret }을(를) 이 텍스트에 직접 썼습니다.
export-server-install = 서버에서는 smtp-setup 소스에서 명령줄 도구만 빌드하세요(창과 키체인 불필요): cargo install --path . --no-default-features. 앱 비밀번호는 화면에 표시하지 않고 입력받으며, 스크립트에서는 대신 SMTP_SETUP_PASSWORD를 설정할 수 있습니다.
export-relay-note = 릴레이 비밀번호는 이 컴퓨터의 릴레이에만 사용할 수 있습니다. 릴레이는 키체인의 앱 비밀번호나 Google 계정 로그인으로 Gmail에 로그인합니다.
export-relay-warning = 이제 이 설정에 릴레이 비밀번호가 일반 텍스트로 들어 있습니다. 이 비밀번호로는 이 컴퓨터의 릴레이만 열 수 있고 Google 계정은 열 수 없습니다.
